// R-LC-6 through the real sweep, the real outbox delivery and a real SMTP server that is down or
// refuses: a warning counts when it was delivered, the lock waits for it, and every warning names
// the date that applies. What the test reads is what crossed SMTP, not the portal's own flags.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { createAgent, createCustomer, createMailbox } from "@/test/factories";
import { startTestSmtpServer } from "@/test/smtp-server";
import { fixedClock, type Clock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { addCalendarDays } from "@/lib/lifecycle/calendar";
import { lockDueAt } from "@/lib/lifecycle/rules";
import { sweepLifecycle } from "@/lib/lifecycle/sweep";
import { deliverDueMail } from "@/lib/mail/delivery";
import { smtpTransport, type MailTransport } from "@/lib/mail/transport";
import { formatLongDateTime } from "@/lib/i18n/format";
import { mailboxDossier } from "@/lib/admin/queries";
import { resendLastNotice, versionOf } from "@/lib/admin/service";
import { first } from "@/test/lists";

let db: Db;
let close: () => Promise<void>;
let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
let transport: MailTransport;
beforeAll(async () => {
  ({ db, close } = await freshDatabase());
  smtp = await startTestSmtpServer();
  transport = smtpTransport(smtp.url);
});
afterAll(async () => {
  transport.close();
  await smtp.close();
  await close();
});

const config = {
  from: "Altibox <ikke-svar@altibox.no>",
  brand: "Altibox",
  mailboxesUrl: "http://localhost:3000/mine-sider/internett/e-postkontoer",
};
const T0 = new Date("2026-03-10T09:00:00Z");
const HOUR = 3_600_000;

/** One run of the worker: the sweep, then delivery of everything due. */
async function tick(clock: Clock) {
  const report = await sweepLifecycle(db, clock);
  while ((await deliverDueMail(db, transport, clock, config)).leased > 0);
  return report;
}

const warningsTo = (address: string) => smtp.received.filter((r) => r.to.includes(address) && r.subject.includes("sperres"));

describe("a warning counts when it was delivered (R-LC-6)", () => {
  it("waits out a two-week SMTP outage: no 7-day warning, no lock, until the 14-day one is delivered; then both name the date that applies", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id, { cycleStartedAt: T0, createdAt: T0, lastLoginAt: null });
    const lock = lockDueAt(box);
    const clock = fixedClock(addCalendarDays(lock, -14));
    smtp.answer = "down";
    expect(await tick(clock)).toMatchObject({ warnings14: 1 });
    // 22 hours of outage (the whole backoff list of other mail), and then far past the lock.
    for (let h = 1; h <= 22; h++) {
      clock.set(new Date(addCalendarDays(lock, -14).getTime() + h * HOUR));
      await tick(clock);
    }
    const queued = first(await db.outgoingMail.findMany({ where: { notice: { mailboxId: box.id }, to: box.address } }));
    expect(queued).toMatchObject({ status: "PENDING" });
    expect(queued.attempts).toBeGreaterThanOrEqual(8);
    expect(queued.lastError).toContain("421");
    for (const at of [addCalendarDays(lock, -7), lock, addCalendarDays(lock, 2)]) {
      clock.set(at);
      expect(await tick(clock)).toMatchObject({ warnings7: 0, locked: 0, held: 1 });
    }
    expect(warningsTo(box.address)).toEqual([]);
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).status).toBe("ACTIVE");

    // Back: the 14-day warning goes out at the next attempt, naming the lock 14 days from then.
    smtp.answer = "accept";
    const back = new Date(addCalendarDays(lock, 2).getTime() + HOUR);
    clock.set(back);
    await tick(clock);
    const d14 = first(warningsTo(box.address));
    const notice14 = await db.notice.findFirstOrThrow({ where: { mailboxId: box.id, kind: "LOCK_WARNING_14" } });
    expect(notice14.deliveredAt).toEqual(back);
    const applies = addCalendarDays(back, 14);
    expect(d14.subject).toBe(`E-postkontoen ${box.address} sperres ${formatLongDateTime(applies, "nb")}`);

    // The 7-day warning 7 calendar days after that delivery, not before; the lock at the date named.
    clock.set(new Date(addCalendarDays(back, 7).getTime() - 1));
    expect(await tick(clock)).toMatchObject({ warnings7: 0 });
    clock.set(addCalendarDays(back, 7));
    expect(await tick(clock)).toMatchObject({ warnings7: 1 });
    expect(warningsTo(box.address).map((m) => m.subject)).toEqual([d14.subject, d14.subject]);
    clock.set(new Date(applies.getTime() - 1));
    expect(await tick(clock)).toMatchObject({ locked: 0 });
    clock.set(applies);
    expect(await tick(clock)).toMatchObject({ locked: 1 });
    expect(await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).toMatchObject({ status: "LOCKED", lockedAt: applies });
  });

  it("holds the lock while every recipient refuses the warning for good, shows agents why, and goes on once an agent resends it", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id, { cycleStartedAt: T0, createdAt: T0, lastLoginAt: null });
    const lock = lockDueAt(box);
    const clock = fixedClock(addCalendarDays(lock, -14));
    smtp.answer = "refuse";
    await tick(clock);
    expect((await db.outgoingMail.findMany({ where: { notice: { mailboxId: box.id } } })).map((m) => m.status)).toEqual([
      "FAILED",
      "FAILED",
    ]);
    clock.set(addCalendarDays(lock, 30));
    expect(await tick(clock)).toMatchObject({ locked: 0, warnings7: 0, held: 1 });

    // The admin view says the lock is held, since when, and the server's answer.
    const dossier = (await mailboxDossier(db, box.id, clock.now(), config))!;
    expect(dossier.held).toMatchObject({
      kind: "LOCK_WARNING_14",
      since: addCalendarDays(lock, -14),
      mail: { status: "FAILED", attempts: 1 },
    });
    expect(dossier.held!.mail!.lastError).toContain("550 5.1.1");

    // The address is right again (here: the server accepts): an agent sends the warning again.
    smtp.answer = "accept";
    const agent = await createAgent(db);
    const ctx = { db, clock, actor: { kind: "AGENT" as const, agentId: agent.id, role: "AGENT" as const }, requestId: "test" };
    const mailbox = await db.mailbox.findUniqueOrThrow({ where: { id: box.id } });
    expect(
      await resendLastNotice(ctx, { mailboxId: box.id, version: versionOf(mailbox), reason: "Kunden har rettet adressen" }),
    ).toMatchObject({ ok: true });
    await tick(clock);
    const warning = first(warningsTo(box.address));
    expect(warning.subject).toBe(`E-postkontoen ${box.address} sperres ${formatLongDateTime(addCalendarDays(clock.now(), 14), "nb")}`);
    clock.set(addCalendarDays(clock.now(), 7));
    expect(await tick(clock)).toMatchObject({ warnings7: 1, held: 0 });
  });
});
