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

  it("deletes a whole batch at once, wiping everything of each deleted mailbox and nothing of others (R-ACC-3, R-PAY-7)", async () => {
    const customer = await createCustomer(db, { broadbandStatus: "ENDED" });
    const lockedAt = new Date("2027-01-04T09:00:00Z");
    const clock = fixedClock(addCalendarMonths(lockedAt, 2));
    const inactive = await Promise.all([0, 1].map(() => createMailbox(db, customer.id, { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: addDays(lockedAt, -92) })));
    const ended = await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "BROADBAND_ENDED", lockedAt });
    // Locked yesterday: inside its restore window, so kept.
    const kept = await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: addDays(clock.now(), -1) });
    const all = [...inactive, ended, kept];
    const now = clock.now();
    for (const box of all) {
      await db.twoFactor.create({ data: { kind: "MAILBOX", principalId: box.id, secret: "sealed", enabledAt: now } });
      await db.recoveryCode.create({ data: { kind: "MAILBOX", principalId: box.id, hash: `hash-${box.id}` } });
      await db.webSession.create({ data: { kind: "MAILBOX", principalId: box.id, expiresAt: addDays(now, 1) } });
      await db.cleanmailLink.create({ data: { mailboxId: box.id, tokenHash: `token-${box.id}`, createdAt: now, expiresAt: addDays(now, 15) } });
      await db.quarantinedMessage.create({ data: { mailboxId: box.id, receivedAt: now, raw: Buffer.from("Subject: x\r\n\r\nx"), sizeBytes: 16, score: 9, reason: "spam", expiresAt: addDays(now, 30) } });
      await db.paidPeriod.create({ data: { mailboxId: box.id, customerId: customer.id, startsAt: addDays(now, -60), priceOre: 3900 } });
    }
    // Earlier tests' mailboxes share the database and may fall due too.
    expect((await sweepLifecycle(db, clock)).deleted).toBeGreaterThanOrEqual(3);

    const wiped = async (id: string, address: string) => ({
      status: (await statusOf(id)).status,
      twoFactor: await db.twoFactor.count({ where: { principalId: id } }),
      recoveryCodes: await db.recoveryCode.count({ where: { principalId: id } }),
      liveSessions: await db.webSession.count({ where: { principalId: id, revokedAt: null } }),
      liveLinks: await db.cleanmailLink.count({ where: { mailboxId: id, revokedAt: null } }),
      quarantine: await db.quarantinedMessage.count({ where: { mailboxId: id } }),
      openPaidPeriods: await db.paidPeriod.count({ where: { mailboxId: id, endsAt: null } }),
      retired: (await db.address.findUniqueOrThrow({ where: { address } })).retiredBecause,
      platformEvents: (await db.mailPlatformEvent.findMany({ where: { mailboxId: id, kind: "MAILBOX_DELETED" } })).map((e) => e.payload),
    });
    const gone = { twoFactor: 0, recoveryCodes: 0, liveSessions: 0, liveLinks: 0, quarantine: 0, openPaidPeriods: 0, retired: "DELETED", status: "DELETED" };
    for (const box of inactive) expect(await wiped(box.id, box.address)).toEqual({ ...gone, platformEvents: [{ reason: "inactivity" }] });
    expect(await wiped(ended.id, ended.address)).toEqual({ ...gone, platformEvents: [{ reason: "broadbandEnded" }] });
    expect(await wiped(kept.id, kept.address)).toEqual({ status: "LOCKED", twoFactor: 1, recoveryCodes: 1, liveSessions: 1, liveLinks: 1, quarantine: 1, openPaidPeriods: 1, retired: null, platformEvents: [] });
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
