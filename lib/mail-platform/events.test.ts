// The mail platform's events on a real Dovecot (issue 17; R-PLAT-3, R-SEC-7, R-ACC-5): sessions
// open before a change are ended within seconds, the auth cache forgets at once, a deleted
// mailbox's mail leaves the store, and the stream survives a killed consumer and a backend that
// is down. Dovecot runs with its auth cache on, as production does.
import { fork } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ServiceContext } from "@/lib/actor";
import { systemClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { endMailboxAccess } from "@/lib/lifecycle/access";
import {
  applyPlatformEvents,
  doveadmCommands,
  platformEventBacklog,
  platformEventMetrics,
  startPlatformEventConsumer,
} from "@/lib/mail-platform/events";
import { changeMailboxPassword, deleteMailbox, renameMailbox } from "@/lib/mailboxes/service";
import { createAppPassword, listAppPasswords, revokeAppPassword, setRequireAppPasswords } from "@/lib/mailboxes/app-passwords";
import { applyServerLogins } from "@/lib/lifecycle/server-logins";
import { loginMailbox } from "@/lib/auth/mailbox-login";
import { POLICY } from "@/lib/policy";
import { freshDatabase } from "@/test/db";
import { asJson, createCustomer, createMailbox, TEST_ADDRESSING, TEST_PASSWORD, TEST_TWO_FACTOR, uniq } from "@/test/factories";
import { eventually, imapClient, imapLogin, smtpClient } from "@/test/mail-clients";
import { startTestMailPlatform, type TestMailPlatform } from "@/test/mail-platform";
import { freePort } from "@/test/global-setup";

let db: Db;
let url: string;
let close: () => Promise<void>;
let platform: TestMailPlatform;

beforeAll(async () => {
  ({ db, url, close } = await freshDatabase());
  platform = await startTestMailPlatform(db, url, { authCache: { size: "1M", ttl: "1 hour" } });
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  await close?.();
});

const as = (customerId: string): ServiceContext => ({
  db,
  clock: systemClock,
  actor: { kind: "CUSTOMER", customerId },
  requestId: uniq("req"),
});
const NEW_PASSWORD = "nordavind-over-fjorden";

/** An IMAP session with INBOX open, and whether the server has ended it. */
async function openSession(address: string, password = TEST_PASSWORD): Promise<{ client: ImapFlow; ended: () => boolean }> {
  const client = imapClient(platform.ports.imap, address, password);
  let ended = false;
  client.on("close", () => (ended = true));
  client.on("error", () => (ended = true));
  await client.connect();
  await client.mailboxOpen("INBOX");
  return { client, ended: () => ended };
}

/** Runs the portal's consumer against this Dovecot while `work` runs. */
async function withConsumer<T>(work: () => Promise<T>): Promise<T> {
  const consumer = startPlatformEventConsumer(db, [platform.backend], uniq("consumer"));
  try {
    return await work();
  } finally {
    await consumer.stop();
  }
}

async function liveMailbox() {
  const customer = await createCustomer(db);
  return { customer, box: await createMailbox(db, customer.id) };
}

const messagesOnDisk = (mailboxId: string) =>
  ["cur", "new"].flatMap((sub) => {
    const dir = path.join(platform.dir, "mail", mailboxId, "Maildir", sub);
    return existsSync(dir) ? readdirSync(dir) : [];
  });

describe("what a change ends on the mail servers", () => {
  it("a password change ends the open IMAP session within seconds, and the cached old password stops working at once", async () => {
    const { customer, box } = await liveMailbox();
    // A login that the auth cache now remembers.
    expect(await imapLogin(platform.ports.imap, box.address, TEST_PASSWORD)).toMatchObject({ ok: true });
    const session = await openSession(box.address);
    await withConsumer(async () => {
      const changed = await changeMailboxPassword(as(customer.id), {
        mailboxId: box.id,
        password: NEW_PASSWORD,
        passwordRepeat: NEW_PASSWORD,
      });
      expect(changed.ok).toBe(true);
      await eventually(
        async () => session.ended(),
        (ended) => ended,
        10_000,
      );
      await eventually(
        () => db.mailPlatformEvent.findFirst({ where: { mailboxId: box.id, kind: "PASSWORD_CHANGED" } }),
        (e) => !!e?.processedAt,
      );
    });
    expect(await imapLogin(platform.ports.imap, box.address, TEST_PASSWORD)).toMatchObject({ ok: false });
    expect(await imapLogin(platform.ports.imap, box.address, NEW_PASSWORD)).toMatchObject({ ok: true });
  });

  it("a lock ends the open session, and the cached login gives way to the lock's reason", async () => {
    const { box } = await liveMailbox();
    expect(await imapLogin(platform.ports.imap, box.address, TEST_PASSWORD)).toMatchObject({ ok: true });
    const session = await openSession(box.address);
    await withConsumer(async () => {
      // As the sweep locks (lib/lifecycle/sweep.ts): the status and the one rule for what ends.
      await db.$transaction(async (tx) => {
        await tx.mailbox.update({ where: { id: box.id }, data: { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: new Date() } });
        await endMailboxAccess(tx, [box], new Date(), { event: "MAILBOX_LOCKED", reason: "inactivity" });
      });
      await eventually(
        async () => session.ended(),
        (ended) => ended,
        10_000,
      );
    });
    const refused = await imapLogin(platform.ports.imap, box.address, TEST_PASSWORD);
    expect(!refused.ok && refused.response).toContain("/mine-sider/internett/e-postkontoer");
  });

  it("a deletion ends the session, refuses the cached login, and removes the mail from the store, once", async () => {
    const { customer, box } = await liveMailbox();
    await smtpClient(platform.ports.smtp).sendMail({ from: "venn@example.test", to: box.address, subject: "Til slettingen", text: "Hei" });
    await eventually(
      async () => messagesOnDisk(box.id).length,
      (n) => n === 1,
    );
    expect(await imapLogin(platform.ports.imap, box.address, TEST_PASSWORD)).toMatchObject({ ok: true });
    const session = await openSession(box.address);
    await withConsumer(async () => {
      expect((await deleteMailbox(as(customer.id), { mailboxId: box.id, confirmAddress: box.address })).ok).toBe(true);
      await eventually(
        async () => session.ended(),
        (ended) => ended,
        10_000,
      );
      await eventually(
        () => db.mailbox.findUniqueOrThrow({ where: { id: box.id } }),
        (m) => !!m.mailPurgedAt,
      );
    });
    expect(messagesOnDisk(box.id)).toEqual([]);
    expect(await imapLogin(platform.ports.imap, box.address, TEST_PASSWORD)).toMatchObject({ ok: false });
    // Running the consumer again changes nothing.
    const purgedAt = (await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).mailPurgedAt;
    expect(await applyPlatformEvents(db, [platform.backend], { consumer: "again" })).toMatchObject({ claimed: 0 });
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).mailPurgedAt).toEqual(purgedAt);
  });
});

describe("app passwords on the mail servers (R-SEC-6)", () => {
  const mailboxCtx = (mailboxId: string): ServiceContext => ({
    db,
    clock: systemClock,
    actor: { kind: "MAILBOX", mailboxId },
    requestId: uniq("req"),
  });

  it("one made in the portal logs in over IMAP, its use is listed, and deleting it ends its session and refuses it", async () => {
    const { box } = await liveMailbox();
    const made = await createAppPassword(mailboxCtx(box.id), TEST_TWO_FACTOR, { name: "Telefon" });
    if (!made.ok) throw made.error;
    expect(made.value.password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await withConsumer(async () => {
      const session = await eventually(
        () => openSession(box.address, made.value.password).catch(() => null),
        (s) => s !== null,
        10_000,
      );
      // Its login is recorded under its own id, and the list shows when and how it was used.
      await applyServerLogins(db, systemClock, "test");
      const [listed] = (await listAppPasswords(db, box.id)).passwords;
      expect(listed).toMatchObject({ name: "Telefon", lastProtocol: "IMAP" });
      expect(listed!.lastUsedAt).not.toBeNull();
      // The mailbox's own password still works beside it.
      expect(await imapLogin(platform.ports.imap, box.address, TEST_PASSWORD)).toMatchObject({ ok: true });

      expect((await revokeAppPassword(mailboxCtx(box.id), TEST_TWO_FACTOR, { appPasswordId: made.value.id })).ok).toBe(true);
      await eventually(
        async () => session!.ended(),
        (ended) => ended,
        10_000,
      );
    });
    expect(await imapLogin(platform.ports.imap, box.address, made.value.password)).toMatchObject({ ok: false });
    expect(asJson(await db.auditEvent.findMany({ where: { subjectId: box.id } }))).not.toContain(made.value.password);
  });

  it("required, the mailbox's own password is refused over IMAP and still works on the web", async () => {
    const { box } = await liveMailbox();
    await db.twoFactor.create({ data: { kind: "MAILBOX", principalId: box.id, secret: "sealed", enabledAt: new Date() } });
    const made = await createAppPassword(mailboxCtx(box.id), TEST_TWO_FACTOR, { name: "Outlook på jobb" });
    if (!made.ok) throw made.error;
    expect(await imapLogin(platform.ports.imap, box.address, TEST_PASSWORD)).toMatchObject({ ok: true });
    await withConsumer(async () => {
      expect((await setRequireAppPasswords(mailboxCtx(box.id), { require: true })).ok).toBe(true);
      await eventually(
        () => db.mailPlatformEvent.findFirst({ where: { mailboxId: box.id, kind: "APP_PASSWORDS_REQUIRED" } }),
        (e) => !!e?.processedAt,
      );
    });
    expect(await imapLogin(platform.ports.imap, box.address, TEST_PASSWORD)).toMatchObject({ ok: false });
    expect(await imapLogin(platform.ports.imap, box.address, made.value.password)).toMatchObject({ ok: true });
    // On the web the password is right; the login goes on to ask for the code.
    const web = await loginMailbox(
      db,
      systemClock,
      { address: box.address, password: TEST_PASSWORD },
      {
        ip: "192.0.2.9",
        isKnownDevice: () => false,
        secondFactor: () => TEST_TWO_FACTOR,
      },
    );
    expect(web).toMatchObject({ ok: false, reason: "codeRequired" });
  });

  it("needs two-factor login to be required, and stops at the limit", async () => {
    const { box } = await liveMailbox();
    expect(await setRequireAppPasswords(mailboxCtx(box.id), { require: true })).toMatchObject({
      ok: false,
      error: { code: "twoFactorOff" },
    });
    for (let i = 0; i < POLICY.appPasswords.maxPerMailbox; i++)
      expect((await createAppPassword(mailboxCtx(box.id), TEST_TWO_FACTOR, { name: `Enhet ${i}` })).ok).toBe(true);
    expect(await createAppPassword(mailboxCtx(box.id), TEST_TWO_FACTOR, { name: "Én for mye" })).toMatchObject({
      ok: false,
      error: { code: "limitReached" },
    });
  }, 60_000);
});

describe("the stream holds", () => {
  // What earlier tests left is applied first, so each test sees its own events only.
  beforeEach(async () => {
    while ((await applyPlatformEvents(db, [platform.backend], { consumer: "tidy" })).claimed > 0);
  });

  it("a consumer killed mid-event leaves it to another, which finishes it once", async () => {
    const { customer, box } = await liveMailbox();
    // A backend that takes the request and never answers: the doomed consumer waits there.
    const silent = http.createServer(() => {});
    const silentPort = await freePort();
    await new Promise<void>((resolve) => silent.listen(silentPort, "127.0.0.1", resolve));
    try {
      await changeMailboxPassword(as(customer.id), { mailboxId: box.id, password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD });
      const child = fork("test/platform-consumer-child.ts", [url, `http://127.0.0.1:${silentPort}`], { execArgv: ["--import", "tsx"] });
      await eventually(
        () => db.mailPlatformEvent.findFirstOrThrow({ where: { mailboxId: box.id } }),
        (e) => e.leasedBy === "doomed",
      );
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
      const ours = () => db.mailPlatformEvent.findFirstOrThrow({ where: { mailboxId: box.id } });
      // Nobody else may take it while the lease holds; once it lapses, the next consumer does.
      await applyPlatformEvents(db, [platform.backend], { consumer: "next" });
      expect(await ours()).toMatchObject({ leasedBy: "doomed", processedAt: null });
      await eventually(
        async () => (await applyPlatformEvents(db, [platform.backend], { consumer: "next" }), ours()),
        (e) => e.processedAt !== null,
      );
      const event = await ours();
      expect(event).toMatchObject({ attempts: 2, backendsDone: [platform.backend.name], leasedBy: null });
      // Once: another round leaves it as it is.
      await applyPlatformEvents(db, [platform.backend], { consumer: "next" });
      expect(await ours()).toEqual(event);
    } finally {
      silent.close();
    }
  });

  it("a backend that is down delays the events, never loses them; when it is back they apply in order per mailbox", async () => {
    const { customer, box } = await liveMailbox();
    const down = { ...platform.backend, url: `http://127.0.0.1:${await freePort()}` };
    await changeMailboxPassword(as(customer.id), { mailboxId: box.id, password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD });
    const renamed = await renameMailbox(as(customer.id), TEST_ADDRESSING, { mailboxId: box.id, localPart: uniq("nytt") });
    expect(renamed.ok).toBe(true);
    await applyPlatformEvents(db, [down], { consumer: "while-down" });
    // Only the mailbox's oldest event may go first; it failed and waits for its retry.
    const waiting = await db.mailPlatformEvent.findMany({ where: { mailboxId: box.id }, orderBy: { id: "asc" } });
    expect(waiting.map((e) => e.attempts)).toEqual([1, 0]);
    expect(waiting.map((e) => [e.kind, e.processedAt])).toEqual([
      ["PASSWORD_CHANGED", null],
      ["MAILBOX_RENAMED", null],
    ]);
    expect(waiting[0]!.lastError).toMatch(/fetch failed|ECONNREFUSED/);
    expect(waiting[0]!.availableAt.getTime()).toBeGreaterThan(Date.now());
    // Agents see it waiting, with the backend's answer (the admin view).
    expect(await platformEventBacklog(db, box.id)).toMatchObject({
      waiting: 2,
      lastError: expect.stringMatching(/fetch failed|ECONNREFUSED/),
    });
    // And monitoring sees the backend failing.
    expect(await platformEventMetrics(db)).toMatch(new RegExp(`^mail_platform_events_failing\\{backend="${down.name}"\\} [1-9]`, "m"));
    // Back: the retry comes after its wait, then the rename after it.
    await withConsumer(() =>
      eventually(
        () => db.mailPlatformEvent.findMany({ where: { mailboxId: box.id }, orderBy: { id: "asc" } }),
        (events) => events.every((e) => e.processedAt),
        15_000,
      ),
    );
    const applied = await db.mailPlatformEvent.findMany({ where: { mailboxId: box.id }, orderBy: { id: "asc" } });
    expect(applied[0]!.processedAt!.getTime()).toBeLessThanOrEqual(applied[1]!.processedAt!.getTime());
    expect(applied.map((e) => e.lastError)).toEqual([null, null]);
    expect(await platformEventBacklog(db, box.id)).toMatchObject({ waiting: 0 });
  });
});

describe("doveadmCommands", () => {
  it("flushes every address an event names, kicks when sessions must end, and expunges a deleted mailbox's mail", () => {
    const event = (kind: Parameters<typeof doveadmCommands>[0]["kind"], payload = {}) =>
      doveadmCommands({ id: 7n, kind, address: "ny@altibox.no", payload }).map(([name, params]) => [name, params]);
    expect(event("MAILBOX_RESTORED")).toEqual([["authCacheFlush", { user: ["ny@altibox.no"] }]]);
    expect(event("MAILBOX_RENAMED", { from: "gammel@altibox.no" })).toEqual([
      ["authCacheFlush", { user: ["ny@altibox.no", "gammel@altibox.no"] }],
      ["kick", { mask: ["ny@altibox.no"] }],
      ["kick", { mask: ["gammel@altibox.no"] }],
    ]);
    expect(event("MAILBOX_DELETED").map(([name]) => name)).toEqual(["authCacheFlush", "kick", "expunge"]);
  });
});
