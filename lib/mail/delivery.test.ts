// The outbox delivered over real SMTP to the local sink; retries with backoff; gives up in the end,
// except on a lifecycle notice (R-LC-6); a refusal for good is final at once; a resend after a
// crash between sending and marking is the same message (same Message-ID, same words).
import { fork } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { fixedClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { deliverDueMail, nextAttemptAfter } from "@/lib/mail/delivery";
import { startSmtpSink, type SmtpSink } from "@/lib/mail/sink";
import { smtpTransport } from "@/lib/mail/transport";
import { POLICY } from "@/lib/policy";
import { createCustomer, createMailbox } from "@/test/factories";
import { startTestSmtpServer, type Received } from "@/test/smtp-server";
import { first } from "@/test/lists";

let db: Db;
let url: string;
let close: () => Promise<void>;
let sink: SmtpSink;
beforeAll(async () => {
  ({ db, url, close } = await freshDatabase());
  sink = await startSmtpSink(db);
});
afterAll(async () => {
  await sink.close();
  await close();
});

const FROM = {
  from: "Altibox <ikke-svar@altibox.no>",
  brand: "Altibox",
  mailboxesUrl: "http://localhost:3000/mine-sider/internett/e-postkontoer",
};

describe("deliverDueMail", () => {
  it("sends pending mail over SMTP and marks it sent; nothing is sent twice", async () => {
    const clock = fixedClock("2026-11-27T12:00:00Z");
    const mail = await db.outgoingMail.create({
      data: { to: "kari@altibox.no", subject: "Æ, ø og å", text: "Hei Kari\n", html: "<p>Hei Kari</p>", nextAttemptAt: clock.now() },
    });
    const transport = smtpTransport(sink.url);
    expect(await deliverDueMail(db, transport, clock, FROM)).toMatchObject({ sent: 1, failed: 0 });
    expect(await deliverDueMail(db, transport, clock, FROM)).toMatchObject({ leased: 0 });
    transport.close();
    expect(await db.outgoingMail.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({ status: "SENT", attempts: 1 });
    const received = first(await db.sinkMessage.findMany({ where: { subject: "Æ, ø og å" } }));
    expect(received).toMatchObject({ to: ["kari@altibox.no"], text: "Hei Kari\n", html: "<p>Hei Kari</p>" });
    expect(received.from).toContain("ikke-svar@altibox.no");
  });

  it("retries a failed delivery later, and gives up after the last wait", async () => {
    const clock = fixedClock("2026-11-27T12:00:00Z");
    const mail = await db.outgoingMail.create({
      data: { to: "ola@altibox.no", subject: "Feiler", text: "x", html: "x", nextAttemptAt: clock.now() },
    });
    const down = smtpTransport("smtp://127.0.0.1:9"); // nothing listens on the discard port
    const waits = POLICY.mailDelivery.retryBackoffMinutes;
    for (let attempt = 1; attempt <= waits.length; attempt++) {
      expect(await deliverDueMail(db, down, clock, FROM)).toMatchObject({ failed: 1 });
      const row = await db.outgoingMail.findUniqueOrThrow({ where: { id: mail.id } });
      expect(row).toMatchObject({ status: "PENDING", attempts: attempt });
      expect(row.nextAttemptAt).toEqual(new Date(clock.now().getTime() + waits[attempt - 1]! * 60_000));
      expect(await deliverDueMail(db, down, clock, FROM)).toMatchObject({ leased: 0 }); // not before its time
      clock.set(row.nextAttemptAt);
    }
    expect(await deliverDueMail(db, down, clock, FROM)).toMatchObject({ failed: 1 });
    expect(await db.outgoingMail.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({
      status: "FAILED",
      attempts: waits.length + 1,
    });
    down.close();
  });

  it("waits longer after each failure; a lifecycle notice never gives up, its waits capped", () => {
    const now = new Date("2026-11-27T12:00:00Z");
    expect(nextAttemptAfter(1, now)).toEqual(new Date("2026-11-27T12:01:00Z"));
    expect(nextAttemptAfter(2, now)).toEqual(new Date("2026-11-27T12:05:00Z"));
    expect(nextAttemptAfter(POLICY.mailDelivery.retryBackoffMinutes.length + 1, now)).toBeNull();
    const cap = POLICY.mailDelivery.noticeRetryCapMinutes * 60_000;
    for (const attempts of [5, 7, 8, 100, 10_000]) expect(nextAttemptAfter(attempts, now, true)).toEqual(new Date(now.getTime() + cap));
  });

  it("keeps trying a lifecycle notice through any outage, and stops at once on a refusal for good", async () => {
    const smtp = await startTestSmtpServer();
    const transport = smtpTransport(smtp.url);
    const customer = await createCustomer(db);
    const clock = fixedClock("2026-11-27T12:00:00Z");
    const box = await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: clock.now() });
    const notice = await db.notice.create({
      data: { mailboxId: box.id, kind: "LOCKED", cycle: clock.now(), deadline: clock.now(), queuedAt: clock.now() },
    });
    const mail = await db.outgoingMail.create({ data: { noticeId: notice.id, to: box.address, nextAttemptAt: clock.now() } });
    smtp.answer = "down";
    for (let attempt = 1; attempt <= POLICY.mailDelivery.retryBackoffMinutes.length + 3; attempt++) {
      expect(await deliverDueMail(db, transport, clock, FROM)).toMatchObject({ failed: 1 });
      const row = await db.outgoingMail.findUniqueOrThrow({ where: { id: mail.id } });
      expect(row).toMatchObject({ status: "PENDING", attempts: attempt });
      clock.set(row.nextAttemptAt);
    }
    expect((await db.notice.findUniqueOrThrow({ where: { id: notice.id } })).deliveredAt).toBeNull();

    // A minute before the notice's next attempt, other mail is refused for good.
    smtp.answer = "refuse";
    const before = fixedClock(new Date(clock.now().getTime() - 60_000));
    const other = await db.outgoingMail.create({
      data: { to: "finnes-ikke@example.test", subject: "Faktura", text: "x", html: "x", nextAttemptAt: before.now() },
    });
    expect(await deliverDueMail(db, transport, before, FROM)).toMatchObject({ leased: 1, failed: 1 });
    expect(await db.outgoingMail.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ status: "FAILED", attempts: 1 });
    expect((await db.outgoingMail.findUniqueOrThrow({ where: { id: other.id } })).lastError).toMatch(/^550 5\.1\.1/);

    smtp.answer = "accept";
    clock.set((await db.outgoingMail.findUniqueOrThrow({ where: { id: mail.id } })).nextAttemptAt);
    expect(await deliverDueMail(db, transport, clock, FROM)).toMatchObject({ sent: 1 });
    expect((await db.notice.findUniqueOrThrow({ where: { id: notice.id } })).deliveredAt).toEqual(clock.now());
    expect(smtp.received.at(-1)!.messageId).toBe(`<${mail.id}@altibox.no>`);
    transport.close();
    await smtp.close();
  });

  it("a worker killed after the server accepted a message, before marking it sent: the resend is the same message", async () => {
    const smtp = await startTestSmtpServer();
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id, { cycleStartedAt: new Date("2026-03-10T09:00:00Z"), lastLoginAt: null });
    const lock = new Date("2026-09-10T08:00:00Z");
    const at = new Date("2026-08-27T08:00:00Z");
    const notice = await db.notice.create({
      data: { mailboxId: box.id, kind: "LOCK_WARNING_14", cycle: lock, deadline: lock, queuedAt: at },
    });
    const mail = await db.outgoingMail.create({ data: { noticeId: notice.id, to: box.address, nextAttemptAt: at } });

    const child = fork("test/deliver-child.ts", [url, smtp.url, at.toISOString()], { execArgv: ["--import", "tsx"], stdio: "inherit" });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    await new Promise((resolve) => child.on("message", resolve));
    child.kill("SIGKILL");
    await exited;
    expect(await db.outgoingMail.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({ status: "PENDING" });

    // After the lease, another worker sends it again, minutes later.
    const transport = smtpTransport(smtp.url);
    const later = fixedClock(new Date(at.getTime() + (POLICY.mailDelivery.leaseMinutes + 1) * 60_000));
    expect(await deliverDueMail(db, transport, later, FROM)).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(2);
    const [once, again] = smtp.received as [Received, Received];
    expect(again.messageId).toBe(once.messageId);
    expect(once.messageId).toBe(`<${mail.id}@altibox.no>`);
    expect([again.subject, again.text]).toEqual([once.subject, once.text]);
    expect(once.subject).toContain("sperres torsdag 10. september 2026 kl. 10:00");
    transport.close();
    await smtp.close();
  });
});
