// The mail platform's events on a real Dovecot (issue 17; R-PLAT-3, R-SEC-7, R-ACC-5): sessions
// open before a change are ended within seconds, the auth cache forgets at once, a deleted
// mailbox's mail leaves the store, and the stream survives a killed consumer and a backend that
// is down. Dovecot runs with its auth cache on, as production does.
import { fork } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceContext } from "@/lib/actor";
import { systemClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { endMailboxAccess } from "@/lib/lifecycle/access";
import { applyPlatformEvents, doveadmCommands, platformEventBacklog, startPlatformEventConsumer } from "@/lib/mail-platform/events";
import { changeMailboxPassword, deleteMailbox, renameMailbox } from "@/lib/mailboxes/service";
import { freshDatabase } from "@/test/db";
import { createCustomer, createMailbox, TEST_ADDRESSING, TEST_PASSWORD, uniq } from "@/test/factories";
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

describe("the stream holds", () => {
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
      // Nobody else may take it while the lease holds; once it lapses, the next consumer does.
      expect(await applyPlatformEvents(db, [platform.backend], { consumer: "next" })).toMatchObject({ claimed: 0 });
      await eventually(
        () => applyPlatformEvents(db, [platform.backend], { consumer: "next" }),
        (r) => r.applied === 1,
      );
      const event = await db.mailPlatformEvent.findFirstOrThrow({ where: { mailboxId: box.id } });
      expect(event).toMatchObject({ attempts: 2, backendsDone: [platform.backend.name], leasedBy: null });
      expect(event.processedAt).not.toBeNull();
      expect(await applyPlatformEvents(db, [platform.backend], { consumer: "next" })).toMatchObject({ claimed: 0 });
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
    const first = await applyPlatformEvents(db, [down], { consumer: "while-down" });
    // Only the mailbox's oldest event may go first; it failed and waits for its retry.
    expect(first).toMatchObject({ claimed: 1, applied: 0, failed: 1 });
    const waiting = await db.mailPlatformEvent.findMany({ where: { mailboxId: box.id }, orderBy: { id: "asc" } });
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
