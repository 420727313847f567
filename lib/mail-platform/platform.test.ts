// The contract on the real servers (issue 16; R-PLAT-1, R-PLAT-2, R-PLAT-4, R-PLAT-5, R-ACC-6,
// R-LC-4, R-SEC-2, R-SEC-3, R-BNC-2): Debian's Dovecot and Postfix, rendered from the shipped
// configuration onto this file's database, driven by real IMAP, POP3 and SMTP clients. Nothing
// here is skipped: without the packages the suite fails with the apt-get line.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ImapFlow } from "imapflow";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceContext } from "@/lib/actor";
import { systemClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { applyServerLogins } from "@/lib/lifecycle/server-logins";
import { changeMailboxPassword, deleteMailbox, renameMailbox } from "@/lib/mailboxes/service";
import { mailboxSummary } from "@/lib/mailboxes/queries";
import { verifyPassword } from "@/lib/passwords/hash";
import { POLICY } from "@/lib/policy";
import { freshDatabase } from "@/test/db";
import { createCustomer, createMailbox, TEST_ADDRESSING, TEST_PASSWORD, uniq } from "@/test/factories";
import { eventually, imapLogin, imapSubjects, popLogin, smtpClient } from "@/test/mail-clients";
import { startTestMailPlatform, type TestMailPlatform } from "@/test/mail-platform";
import { startTestSmtpServer } from "@/test/smtp-server";

let db: Db;
let platform: TestMailPlatform;
let relay: Awaited<ReturnType<typeof startTestSmtpServer>>;
let close: () => Promise<void>;
let dbUrl: string;

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  dbUrl = fresh.url;
  close = fresh.close;
  // Mail to other domains goes to this sink, as to a provider's outgoing relay.
  relay = await startTestSmtpServer();
  platform = await startTestMailPlatform(db, fresh.url, { relayhost: `[127.0.0.1]:${new URL(relay.url).port}` });
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  await relay?.close();
  await close?.();
});

const as = (customerId: string): ServiceContext => ({
  db,
  clock: systemClock,
  actor: { kind: "CUSTOMER", customerId },
  requestId: uniq("req"),
});
const ports = () => platform.ports;

async function deliver(to: string, subject: string, text = "Hei!") {
  return smtpClient(ports().smtp).sendMail({ from: "avsender@example.test", to, subject, text });
}

async function liveMailbox() {
  const customer = await createCustomer(db);
  return { customer, box: await createMailbox(db, customer.id) };
}

describe("logging in (R-PLAT-2)", () => {
  it("an active mailbox logs in over IMAP and POP with the password the portal stored; a wrong one is refused", async () => {
    const { box } = await liveMailbox();
    expect(await imapLogin(ports().imap, box.address, TEST_PASSWORD)).toEqual({ ok: true, messages: 0 });
    expect(await popLogin(ports().pop3, box.address.toUpperCase(), TEST_PASSWORD)).toEqual({ ok: true, messages: 0 });
    expect(await imapLogin(ports().imap, box.address, `${TEST_PASSWORD}x`)).toMatchObject({ ok: false });
    expect(await popLogin(ports().pop3, box.address, `${TEST_PASSWORD}x`)).toMatchObject({ ok: false });
  });

  it("a mailbox locked for inactivity is refused over IMAP and POP with where to restore it, and for SMTP", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: new Date() });
    const imap = await imapLogin(ports().imap, box.address, TEST_PASSWORD);
    expect(imap).toMatchObject({ ok: false });
    expect(!imap.ok && imap.response).toContain("/mine-sider/internett/e-postkontoer");
    expect(!imap.ok && imap.response).toContain("sperret");
    const pop = await popLogin(ports().pop3, box.address, TEST_PASSWORD);
    expect(!pop.ok && pop.response).toContain("/mine-sider/internett/e-postkontoer");
    await expect(smtpClient(ports().submission, { user: box.address, pass: TEST_PASSWORD }).verify()).rejects.toMatchObject({
      code: "EAUTH",
    });
  });

  it("the reason is in English for a customer who chose English", async () => {
    const customer = await db.customer.update({ where: { id: (await createCustomer(db)).id }, data: { locale: "en" } });
    const box = await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: new Date() });
    const imap = await imapLogin(ports().imap, box.address, TEST_PASSWORD);
    expect(!imap.ok && imap.response).toContain("locked");
  });

  it("deleted, closed (broadband ended) and never-issued addresses are unknown", async () => {
    const { customer, box } = await liveMailbox();
    const closed = await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "BROADBAND_ENDED", lockedAt: new Date() });
    expect((await deleteMailbox(as(customer.id), { mailboxId: box.id, confirmAddress: box.address })).ok).toBe(true);
    for (const address of [box.address, closed.address, `${uniq("aldri")}@altibox.no`]) {
      const imap = await imapLogin(ports().imap, address, TEST_PASSWORD);
      expect(imap).toMatchObject({ ok: false });
      expect(!imap.ok && imap.response).not.toContain("mine-sider");
    }
    await expect(smtpClient(ports().submission, { user: closed.address, pass: TEST_PASSWORD }).verify()).rejects.toMatchObject({
      code: "EAUTH",
    });
  });

  it("a password changed in the portal works at the next login, and the old one fails", async () => {
    const { customer, box } = await liveMailbox();
    expect(await imapLogin(ports().imap, box.address, TEST_PASSWORD)).toMatchObject({ ok: true });
    const changed = "nordavind-over-fjorden";
    expect((await changeMailboxPassword(as(customer.id), { mailboxId: box.id, password: changed, passwordRepeat: changed })).ok).toBe(true);
    expect(await imapLogin(ports().imap, box.address, changed)).toMatchObject({ ok: true });
    expect(await imapLogin(ports().imap, box.address, TEST_PASSWORD)).toMatchObject({ ok: false });
  });

  it("a password with å verifies over IMAP exactly as in the portal; one typed in decomposed form is refused when set", async () => {
    const { customer, box } = await liveMailbox();
    const composed = "blåbær-på-fjellet";
    expect((await changeMailboxPassword(as(customer.id), { mailboxId: box.id, password: composed, passwordRepeat: composed })).ok).toBe(
      true,
    );
    expect(await imapLogin(ports().imap, box.address, composed)).toMatchObject({ ok: true });
    // The same letters sent decomposed are another password, in Dovecot and in the portal alike.
    expect(await imapLogin(ports().imap, box.address, composed.normalize("NFD"))).toMatchObject({ ok: false });
    const stored = await db.mailbox.findUniqueOrThrow({ where: { id: box.id }, omit: { passwordHash: false } });
    expect(await verifyPassword(stored.passwordHash, composed.normalize("NFD"))).toBe(false);
    const decomposed = "sjø-og-åsen".normalize("NFD");
    expect(
      await changeMailboxPassword(as(customer.id), { mailboxId: box.id, password: decomposed, passwordRepeat: decomposed }),
    ).toMatchObject({
      ok: false,
      error: { code: "password.notComposed" },
    });
  });
});

describe("receiving mail (R-ACC-3, R-ACC-6, R-BNC-2)", () => {
  it("mail to a live address goes through Postfix and LMTP and is read over IMAP; usage is measured", async () => {
    const { box } = await liveMailbox();
    await deliver(box.address, "Velkommen til Postfix");
    expect(
      await eventually(
        () => imapSubjects(ports().imap, box.address, TEST_PASSWORD),
        (s) => s.length === 1,
      ),
    ).toEqual(["Velkommen til Postfix"]);
    // Dovecot reports what it stores (quota_clone into mail.usage), and the mailbox's page shows it.
    const summary = await eventually(
      () => mailboxSummary(db, box.id, new Date()),
      (s) => (s?.usage?.bytes ?? 0) > 0,
    );
    expect(summary?.usage?.measuredAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(summary?.usage?.bytes).toBeLessThan(10_000);
  });

  it("the new address of a renamed mailbox sees the mail from before; the old address is unknown", async () => {
    const { customer, box } = await liveMailbox();
    await deliver(box.address, "Før navnebyttet");
    await eventually(
      () => imapSubjects(ports().imap, box.address, TEST_PASSWORD),
      (s) => s.length === 1,
    );
    const local = uniq("nytt");
    const renamed = await renameMailbox(as(customer.id), TEST_ADDRESSING, { mailboxId: box.id, localPart: local });
    expect(renamed.ok).toBe(true);
    expect(await imapSubjects(ports().imap, `${local}@altibox.no`, TEST_PASSWORD)).toEqual(["Før navnebyttet"]);
    expect(await imapLogin(ports().imap, box.address, TEST_PASSWORD)).toMatchObject({ ok: false });
    await expect(deliver(box.address, "Til den gamle")).rejects.toMatchObject({
      response: expect.stringContaining("User unknown in virtual mailbox table"),
    });
  });

  it("mail to a deleted or never-issued address bounces as unknown", async () => {
    const { customer, box } = await liveMailbox();
    await deleteMailbox(as(customer.id), { mailboxId: box.id, confirmAddress: box.address });
    for (const address of [box.address, `${uniq("aldri")}@altibox.no`]) {
      await expect(deliver(address, "Hallo")).rejects.toMatchObject({
        responseCode: 550,
        response: expect.stringContaining("User unknown in virtual mailbox table"),
      });
    }
  });

  it("mail to a locked mailbox is accepted and kept for its restore (decision 0009)", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: new Date() });
    const info = await deliver(box.address, "Mens du var borte");
    expect(info.accepted).toEqual([box.address]);
    await db.mailbox.update({ where: { id: box.id }, data: { status: "ACTIVE", lockReason: null, lockedAt: null } });
    expect(
      await eventually(
        () => imapSubjects(ports().imap, box.address, TEST_PASSWORD),
        (s) => s.length === 1,
      ),
    ).toEqual(["Mens du var borte"]);
  });

  it("a message over the size limit is refused (R-ACC-6)", async () => {
    const { box } = await liveMailbox();
    const big = "x".repeat(POLICY.mailboxes.maxMessageBytes + 1024 * 1024);
    await expect(
      smtpClient(ports().smtp).sendMail({ from: "avsender@example.test", to: box.address, subject: "Stor", text: big }),
    ).rejects.toMatchObject({ responseCode: 552 });
  });
});

describe("sending (R-SEC-2, R-SEC-3, R-PLAT-5)", () => {
  it("a mailbox sends as its own address; as another customer's it is refused", async () => {
    const { box } = await liveMailbox();
    const { box: other } = await liveMailbox();
    const submission = smtpClient(ports().submission, { user: box.address, pass: TEST_PASSWORD });
    const subject = uniq("Egen avsender");
    const info = await submission.sendMail({ from: box.address, to: "venn@example.test", subject, text: "Hei" });
    expect(info.accepted).toEqual(["venn@example.test"]);
    await eventually(
      async () => relay.received.filter((r) => r.subject === subject).length,
      (n) => n === 1,
    );
    await expect(
      submission.sendMail({ from: other.address, to: "venn@example.test", subject: "Som en annen", text: "Hei" }),
    ).rejects.toMatchObject({
      response: expect.stringContaining("not owned by user"),
    });
  });

  it("sending needs a login", async () => {
    await expect(
      smtpClient(ports().submission).sendMail({
        from: "noen@example.test",
        to: "venn@example.test",
        subject: "Uten innlogging",
        text: "Hei",
      }),
    ).rejects.toBeTruthy();
    // Port 25 relays nothing for strangers.
    await expect(
      smtpClient(ports().smtp).sendMail({ from: "noen@example.test", to: "venn@example.test", subject: "Relé", text: "Hei" }),
    ).rejects.toMatchObject({ response: expect.stringContaining("Relay access denied") });
  });

  it("the recipients within the limit go out; the one over it is deferred, and the block shows on the mailbox", async () => {
    const { box } = await liveMailbox();
    const max = POLICY.sending.maxDistinctRecipients;
    const to = Array.from({ length: max + 1 }, (_, i) => `mottaker${i}@example.test`);
    const subject = uniq("Mange mottakere");
    const info = await smtpClient(ports().submission, { user: box.address, pass: TEST_PASSWORD }).sendMail({
      from: box.address,
      to,
      subject,
      text: "Hei",
    });
    expect(info.accepted).toHaveLength(max);
    expect(info.rejected).toEqual([to[max]]);
    // Deferred (4xx: try again later), not refused for good.
    const deferred = (info as { rejectedErrors?: { responseCode?: number }[] }).rejectedErrors?.[0]?.responseCode;
    expect(deferred).toBeGreaterThanOrEqual(400);
    expect(deferred).toBeLessThan(500);
    const received = await eventually(
      async () => relay.received.filter((r) => r.subject === subject),
      (r) => r.length > 0,
    );
    expect(received.flatMap((r) => r.to)).toHaveLength(max);
    const summary = await mailboxSummary(db, box.id, new Date());
    expect(summary?.sendBlockedUntil?.getTime()).toBeGreaterThan(Date.now());
  });
});

describe("logins flow back (R-PLAT-4, R-LC-4)", () => {
  it("IMAP, POP and SMTP logins move the last login, with the protocol; a delivery does not", async () => {
    const { box } = await liveMailbox();
    const count = async () =>
      (await db.$queryRaw<{ service: string }[]>`SELECT service FROM mail.logins WHERE username = ${box.address}`)
        .map((r) => r.service)
        .sort();
    await deliver(box.address, "Bare en levering");
    await eventually(
      () => db.$queryRaw<unknown[]>`SELECT 1 FROM mail.usage WHERE username = ${box.address}`,
      (r) => r.length === 1,
    );
    expect(await count()).toEqual([]);
    await applyServerLogins(db, systemClock, "test");
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).lastLoginAt).toBeNull();

    await smtpClient(ports().submission, { user: box.address, pass: TEST_PASSWORD }).sendMail({
      from: box.address,
      to: "venn@example.test",
      subject: "Fra telefonen",
      text: "Hei",
    });
    await applyServerLogins(db, systemClock, "test");
    expect((await mailboxSummary(db, box.id, new Date()))?.lastLogin).toMatchObject({ protocol: "SMTP" });

    expect(await popLogin(ports().pop3, box.address, TEST_PASSWORD)).toMatchObject({ ok: true });
    expect(await imapLogin(ports().imap, box.address, TEST_PASSWORD)).toMatchObject({ ok: true });
    expect(await count()).toEqual(["imap", "pop3", "smtp"]);
    const result = await applyServerLogins(db, systemClock, "test");
    expect(result.applied).toBeGreaterThanOrEqual(2);
    const events = await db.loginEvent.findMany({ where: { mailboxId: box.id }, select: { protocol: true } });
    expect(events.map((e) => e.protocol).sort()).toEqual(["IMAP", "POP3", "SMTP"]);
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).lastLoginAt?.getTime()).toBeGreaterThan(Date.now() - 60_000);
    // Applied rows are not applied again.
    expect(await applyServerLogins(db, systemClock, "test")).toEqual({ applied: 0, refused: 0 });
  });
});

describe("with the auth cache on, as production runs it", () => {
  it("a cached login still needs the right password, and a locked mailbox is still told why", async () => {
    const cached = await startTestMailPlatform(db, dbUrl, { authCache: { size: "1M", ttl: "1 hour" } });
    try {
      const { box } = await liveMailbox();
      const customer = await createCustomer(db);
      const locked = await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: new Date() });
      for (let round = 0; round < 3; round++) {
        expect(await imapLogin(cached.ports.imap, box.address, TEST_PASSWORD)).toMatchObject({ ok: true });
        expect(await imapLogin(cached.ports.imap, box.address, `${TEST_PASSWORD}x`)).toMatchObject({ ok: false });
        const refused = await imapLogin(cached.ports.imap, locked.address, TEST_PASSWORD);
        expect(!refused.ok && refused.response).toContain("/mine-sider/internett/e-postkontoer");
      }
      // The cache keeps what was verified, never the hash, and is per service: SMTP stays closed to the locked one.
      await expect(smtpClient(cached.ports.submission, { user: locked.address, pass: TEST_PASSWORD }).verify()).rejects.toMatchObject({
        code: "EAUTH",
      });
      expect(cached.logTail(200)).not.toMatch(/argon2/i);
    } finally {
      await cached.stop();
    }
  });
});

describe("with TLS, as production runs it", () => {
  const fixture = (name: string) => path.resolve("test/fixtures/smtp-tls", name);
  const tls = { ca: [readFileSync(fixture("localhost.cert.pem"))], servername: "localhost" };

  it("logins need TLS: accepted over IMAPS and after STARTTLS on submission, refused before it", async () => {
    const secure = await startTestMailPlatform(db, dbUrl, {
      tls: { cert: fixture("localhost.cert.pem"), key: fixture("localhost.key.pem") },
    });
    try {
      const { box } = await liveMailbox();
      // Dovecot counts loopback as secured, so a plain-text login from here proves nothing either
      // way; what it does for other clients is in its effective settings.
      const setting = (name: string) =>
        execFileSync("doveconf", ["-c", path.join(secure.dir, "dovecot.conf"), "-h", name], { encoding: "utf8" }).trim();
      expect([setting("ssl"), setting("disable_plaintext_auth")]).toEqual(["required", "yes"]);
      const imaps = new ImapFlow({
        host: "127.0.0.1",
        port: secure.ports.imaps,
        secure: true,
        tls,
        auth: { user: box.address, pass: TEST_PASSWORD },
        logger: false,
      });
      await imaps.connect();
      await imaps.logout();
      const submission = nodemailer.createTransport({
        host: "127.0.0.1",
        port: secure.ports.submission,
        secure: false,
        requireTLS: true,
        tls,
        auth: { user: box.address, pass: TEST_PASSWORD },
      });
      await submission.verify();
      // Without STARTTLS the submission port offers no login at all.
      await expect(
        smtpClient(secure.ports.submission, { user: box.address, pass: TEST_PASSWORD }).sendMail({
          from: box.address,
          to: "venn@example.test",
          subject: "Uten TLS",
          text: "Hei",
        }),
      ).rejects.toMatchObject({ response: expect.stringContaining("STARTTLS") });
    } finally {
      await secure.stop();
    }
  });
});
