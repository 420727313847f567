// The lifecycle sweep against a real PostgreSQL with a fixed clock: every transition, the catch-up
// case, two workers at once, and a crash in the middle (R-LC-1..3, R-PAY-3, R-ACC-3).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { createCustomer, createMailbox } from "@/test/factories";
import { fixedClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { addCalendarMonths, addDays } from "@/lib/lifecycle/calendar";
import { lockDueAt } from "@/lib/lifecycle/rules";
import { sweepLifecycle } from "@/lib/lifecycle/sweep";
import { composeStored } from "@/lib/mail/delivery";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await freshDatabase()));
afterAll(() => close());

const config = { from: "Altibox <ikke-svar@altibox.no>", brand: "Altibox", mailboxesUrl: "http://localhost:3000/mine-sider/internett/e-postkontoer" };

/** The e-mail of a notice's first outbox row, as delivery will write it. */
async function mailOf(notice: { mails: { id: string; noticeId: string | null; subject: string | null; text: string | null; html: string | null }[] }) {
  const row = notice.mails[0];
  return (await composeStored(db, [row], config)).get(row.id)!;
}
const T0 = new Date("2026-03-10T09:00:00Z");

async function statusOf(id: string) {
  return db.mailbox.findUniqueOrThrow({ where: { id }, omit: { passwordHash: false } });
}
async function noticesOf(id: string) {
  return (await db.notice.findMany({ where: { mailboxId: id }, orderBy: { sentAt: "asc" }, include: { mails: true } }));
}

describe("sweepLifecycle", () => {
  it("warns at 14 and 7 days, locks, and deletes after 92 days, each once, with mail to mailbox and customer", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id, { cycleStartedAt: T0, createdAt: T0, lastLoginAt: null });
    const lock = lockDueAt(box);
    const clock = fixedClock(addDays(lock, -15));

    expect((await sweepLifecycle(db, clock)).notices).toBe(0);
    clock.set(addDays(lock, -14));
    expect(await sweepLifecycle(db, clock)).toMatchObject({ warnings14: 1, notices: 1 });
    expect(await sweepLifecycle(db, clock)).toMatchObject({ warnings14: 0, notices: 0 }); // idempotent
    clock.set(addDays(lock, -7));
    expect(await sweepLifecycle(db, clock)).toMatchObject({ warnings7: 1 });
    clock.set(lock);
    expect(await sweepLifecycle(db, clock)).toMatchObject({ locked: 1 });
    expect(await statusOf(box.id)).toMatchObject({ status: "LOCKED", lockReason: "INACTIVITY", lockedAt: lock });
    clock.set(addDays(lock, 91));
    expect(await sweepLifecycle(db, clock)).toMatchObject({ deleted: 0 });
    clock.set(addDays(lock, 92));
    expect(await sweepLifecycle(db, clock)).toMatchObject({ deleted: 1 });
    const gone = await statusOf(box.id);
    expect(gone).toMatchObject({ status: "DELETED", passwordHash: null });
    expect(await db.address.findUnique({ where: { address: box.address } })).toMatchObject({ retiredBecause: "DELETED" });
    expect(await db.mailPlatformEvent.count({ where: { mailboxId: box.id, kind: "MAILBOX_DELETED" } })).toBe(1);
    clock.set(addDays(lock, 400));
    expect(await sweepLifecycle(db, clock)).toMatchObject({ examined: 0 });

    const notices = await noticesOf(box.id);
    expect(notices.map((n) => n.kind)).toEqual(["LOCK_WARNING_14", "LOCK_WARNING_7", "LOCKED", "DELETED"]);
    expect(notices.slice(0, 3).every((n) => n.mails.map((m) => m.to).sort().join() === [box.address, customer.email].sort().join())).toBe(true);
    expect(notices[3].mails.map((m) => m.to)).toEqual([customer.email]);
    const warning = await mailOf(notices[0]);
    // 10:00 in Oslo on 10 March (UTC+1) + 6 months = 10:00 in Oslo on 10 September (UTC+2).
    expect(warning.subject).toBe(`E-postkontoen ${box.address} sperres torsdag 10. september 2026 kl. 10:00`);
    expect(warning.text).toContain("Videresending teller ikke som innlogging.");
    expect(warning.html).toContain("<p>");
    // 92 days later, back in winter time: 09:00 in Oslo.
    expect((await mailOf(notices[2])).text).toContain("til fredag 11. desember 2026 kl. 09:00");
    const audits = await db.auditEvent.findMany({ where: { subjectId: box.id }, orderBy: { id: "asc" } });
    expect(audits.map((a) => [a.action, a.actorKind])).toEqual([["mailbox.lock", "SYSTEM"], ["mailbox.delete", "SYSTEM"]]);
  });

  it("a login after a warning cancels the lock", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id, { cycleStartedAt: T0, createdAt: T0, lastLoginAt: null });
    const lock = lockDueAt(box);
    const clock = fixedClock(addDays(lock, -14));
    await sweepLifecycle(db, clock);
    await db.mailbox.update({ where: { id: box.id }, data: { lastLoginAt: addDays(lock, -3) } });
    clock.set(addDays(lock, 1));
    expect(await sweepLifecycle(db, clock)).toMatchObject({ locked: 0, warnings7: 0 });
    expect((await statusOf(box.id)).status).toBe("ACTIVE");
  });

  it("catches up after the worker was down: both warnings still come, 7 days apart, before any lock", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id, { cycleStartedAt: T0, createdAt: T0, lastLoginAt: null });
    const lock = lockDueAt(box);
    const clock = fixedClock(addDays(lock, 40));
    expect(await sweepLifecycle(db, clock)).toMatchObject({ warnings14: 1, locked: 0 });
    clock.advance(6 * 86_400_000);
    expect(await sweepLifecycle(db, clock)).toMatchObject({ warnings7: 0, locked: 0 });
    clock.advance(86_400_000);
    expect(await sweepLifecycle(db, clock)).toMatchObject({ warnings7: 1, locked: 0 });
    clock.advance(7 * 86_400_000);
    expect(await sweepLifecycle(db, clock)).toMatchObject({ locked: 1 });
  });

  it("deletes a mailbox locked because broadband ended 2 months after the lock (R-PAY-3)", async () => {
    const customer = await createCustomer(db, { broadbandStatus: "ENDED" });
    const lockedAt = new Date("2026-07-31T09:00:00Z");
    const box = await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "BROADBAND_ENDED", lockedAt });
    const clock = fixedClock(new Date("2026-09-30T08:59:00Z"));
    expect(await sweepLifecycle(db, clock)).toMatchObject({ deleted: 0 });
    clock.set(addCalendarMonths(lockedAt, 2));
    expect(await sweepLifecycle(db, clock)).toMatchObject({ deleted: 1 });
    expect((await statusOf(box.id)).status).toBe("DELETED");
    expect((await noticesOf(box.id)).map((n) => n.kind)).toEqual(["DELETED"]);
  });

  it("applies each transition exactly once with two workers sweeping at the same time", async () => {
    const customer = await createCustomer(db);
    const boxes = await Promise.all(
      Array.from({ length: 40 }, () => createMailbox(db, customer.id, { cycleStartedAt: T0, createdAt: T0, lastLoginAt: null })),
    );
    const clock = fixedClock(addDays(lockDueAt(boxes[0]), -14));
    const [a, b] = await Promise.all([sweepLifecycle(db, clock, { batchSize: 7 }), sweepLifecycle(db, clock, { batchSize: 7 })]);
    expect(a.warnings14 + b.warnings14).toBe(40);
    const ids = boxes.map((x) => x.id);
    expect(await db.notice.count({ where: { mailboxId: { in: ids } } })).toBe(40);
    // Each warning goes to its mailbox and to the customer's contact address.
    expect(await db.outgoingMail.count({ where: { notice: { mailboxId: { in: ids } } } })).toBe(80);
  });

  it("loses and doubles nothing when it crashes in the middle of a sweep", async () => {
    const customer = await createCustomer(db);
    const boxes = await Promise.all(
      Array.from({ length: 25 }, () => createMailbox(db, customer.id, { cycleStartedAt: T0, createdAt: T0, lastLoginAt: null })),
    );
    const ids = boxes.map((x) => x.id);
    const clock = fixedClock(addDays(lockDueAt(boxes[0]), -14));
    // The third batch dies after applying its changes, before committing.
    const crash = sweepLifecycle(db, clock, {
      batchSize: 5,
      onBatchApplied: async (_tx, batch) => {
        if (batch === 3) throw new Error("worker killed");
      },
    });
    await expect(crash).rejects.toThrow("worker killed");
    const afterCrash = await db.notice.count({ where: { mailboxId: { in: ids } } });
    expect(afterCrash).toBeLessThan(25);
    await sweepLifecycle(db, clock, { batchSize: 5 });
    expect(await db.notice.count({ where: { mailboxId: { in: ids } } })).toBe(25);
    const perMailbox = await db.notice.groupBy({ by: ["mailboxId"], where: { mailboxId: { in: ids } }, _count: true });
    expect(perMailbox.every((g) => g._count === 1)).toBe(true);
  });

  // Last: its mailbox would count in the sweeps of the tests above.
  it("writes in English to a customer who chose English", async () => {
    const customer = await createCustomer(db);
    await db.customer.update({ where: { id: customer.id }, data: { locale: "en" } });
    const box = await createMailbox(db, customer.id, { cycleStartedAt: T0, createdAt: T0, lastLoginAt: null });
    await sweepLifecycle(db, fixedClock(addDays(lockDueAt(box), -14)));
    const [notice] = await noticesOf(box.id);
    const mail = await mailOf(notice);
    expect(mail.subject).toBe(`The e-mail account ${box.address} will be locked on Thursday, 10 September 2026 at 10:00`);
    expect(mail.html).toContain('lang="en"');
  });
});
