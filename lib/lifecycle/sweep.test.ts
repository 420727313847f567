// The lifecycle sweep against a real PostgreSQL with a fixed clock, its warnings delivered over
// real SMTP: every transition, the catch-up case, month ends and DST, two workers at once, and a
// crash in the middle (R-LC-1..3, R-LC-6, R-PAY-3, R-ACC-3).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { freshDatabase } from "@/test/db";
import { createCustomer, createMailbox } from "@/test/factories";
import { fixedClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { addCalendarMonths, addCalendarDays } from "@/lib/lifecycle/calendar";
import { lockDueAt } from "@/lib/lifecycle/rules";
import { sweepLifecycle } from "@/lib/lifecycle/sweep";
import { formatLongDateTime } from "@/lib/i18n/format";
import { composeStored, deliverDueMail } from "@/lib/mail/delivery";
import { startSmtpSink, type SmtpSink } from "@/lib/mail/sink";
import { smtpTransport, type MailTransport } from "@/lib/mail/transport";
import type { Clock } from "@/lib/clock";
import { first } from "@/test/lists";

let db: Db;
let close: () => Promise<void>;
let sink: SmtpSink;
let transport: MailTransport;
beforeAll(async () => {
  ({ db, close } = await freshDatabase());
  sink = await startSmtpSink(db);
  transport = smtpTransport(sink.url);
});
afterAll(async () => {
  transport.close();
  await sink.close();
  await close();
});

const config = {
  from: "Altibox <ikke-svar@altibox.no>",
  brand: "Altibox",
  mailboxesUrl: "http://localhost:3000/mine-sider/internett/e-postkontoer",
};

/** The e-mail of a notice's first outbox row, as delivery wrote it (or would write it now). */
async function mailOf(
  notice: {
    mails: {
      id: string;
      noticeId: string | null;
      subject: string | null;
      text: string | null;
      html: string | null;
      namedDate: Date | null;
    }[];
  },
  now = new Date(),
) {
  const row = first(notice.mails, "outbox row");
  return (await composeStored(db, [row], config, now)).get(row.id)!;
}

/** Delivers everything due over SMTP into the sink, as the worker does after a sweep. */
async function deliver(clock: Clock) {
  while ((await deliverDueMail(db, transport, clock, config)).leased > 0);
}

/** The sweep followed by delivery, as the worker runs them. */
async function sweepAndDeliver(clock: Clock) {
  const report = await sweepLifecycle(db, clock);
  await deliver(clock);
  return report;
}
const T0 = new Date("2026-03-10T09:00:00Z");

async function statusOf(id: string) {
  return db.mailbox.findUniqueOrThrow({ where: { id }, omit: { passwordHash: false } });
}
async function noticesOf(id: string) {
  return await db.notice.findMany({ where: { mailboxId: id }, orderBy: { queuedAt: "asc" }, include: { mails: true } });
}

describe("sweepLifecycle", () => {
  it("warns at 14 and 7 days, locks, and deletes after 92 days, each once, with mail to mailbox and customer", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id, { cycleStartedAt: T0, createdAt: T0, lastLoginAt: null });
    const lock = lockDueAt(box);
    const clock = fixedClock(addCalendarDays(lock, -15));

    expect((await sweepLifecycle(db, clock)).notices).toBe(0);
    clock.set(addCalendarDays(lock, -14));
    expect(await sweepAndDeliver(clock)).toMatchObject({ warnings14: 1, notices: 1 });
    expect(await sweepLifecycle(db, clock)).toMatchObject({ warnings14: 0, notices: 0 }); // idempotent
    clock.set(addCalendarDays(lock, -7));
    expect(await sweepAndDeliver(clock)).toMatchObject({ warnings7: 1 });
    clock.set(lock);
    expect(await sweepLifecycle(db, clock)).toMatchObject({ locked: 1 });
    expect(await statusOf(box.id)).toMatchObject({ status: "LOCKED", lockReason: "INACTIVITY", lockedAt: lock });
    // R-SEC-7, R-PLAT-3: the mail servers hear of the lock in the same transaction.
    expect(await db.mailPlatformEvent.findMany({ where: { mailboxId: box.id }, select: { kind: true, payload: true } })).toEqual([
      { kind: "MAILBOX_LOCKED", payload: { reason: "inactivity" } },
    ]);
    clock.set(addCalendarDays(lock, 91));
    expect(await sweepLifecycle(db, clock)).toMatchObject({ deleted: 0 });
    clock.set(addCalendarDays(lock, 92));
    expect(await sweepLifecycle(db, clock)).toMatchObject({ deleted: 1 });
    const gone = await statusOf(box.id);
    expect(gone).toMatchObject({ status: "DELETED", passwordHash: null });
    expect(await db.address.findUnique({ where: { address: box.address } })).toMatchObject({ retiredBecause: "DELETED" });
    expect(await db.mailPlatformEvent.count({ where: { mailboxId: box.id, kind: "MAILBOX_DELETED" } })).toBe(1);
    clock.set(addCalendarDays(lock, 400));
    expect(await sweepLifecycle(db, clock)).toMatchObject({ examined: 0 });

    const notices = await noticesOf(box.id);
    expect(notices.map((n) => n.kind)).toEqual(["LOCK_WARNING_14", "LOCK_WARNING_7", "LOCKED", "DELETED"]);
    // Each warning counted from its delivery, and both named the same lock date (R-LC-6).
    expect(notices.slice(0, 2).map((n) => [n.deliveredAt, n.deadline])).toEqual([
      [addCalendarDays(lock, -14), lock],
      [addCalendarDays(lock, -7), lock],
    ]);
    expect(
      notices.slice(0, 3).every(
        (n) =>
          n.mails
            .map((m) => m.to)
            .sort()
            .join() === [box.address, customer.email].sort().join(),
      ),
    ).toBe(true);
    expect(notices[3]!.mails.map((m) => m.to)).toEqual([customer.email]);
    const warning = await mailOf(notices[0]!);
    // 10:00 in Oslo on 10 March (UTC+1) + 6 months = 10:00 in Oslo on 10 September (UTC+2).
    expect(warning.subject).toBe(`E-postkontoen ${box.address} sperres torsdag 10. september 2026 kl. 10:00`);
    expect(warning.text).toContain("Videresending teller ikke som innlogging.");
    expect(warning.html).toContain("<p>");
    // 92 calendar days later, back in winter time, at the same wall-clock time (R-LC-6).
    expect((await mailOf(notices[2]!)).text).toContain("til fredag 11. desember 2026 kl. 10:00");
    const audits = await db.auditEvent.findMany({ where: { subjectId: box.id }, orderBy: { id: "asc" } });
    expect(audits.map((a) => [a.action, a.actorKind])).toEqual([
      ["mailbox.lock", "SYSTEM"],
      ["mailbox.delete", "SYSTEM"],
    ]);
  });

  it("a login after a warning cancels the lock", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id, { cycleStartedAt: T0, createdAt: T0, lastLoginAt: null });
    const lock = lockDueAt(box);
    const clock = fixedClock(addCalendarDays(lock, -14));
    await sweepAndDeliver(clock);
    await db.mailbox.update({ where: { id: box.id }, data: { lastLoginAt: addCalendarDays(lock, -3) } });
    clock.set(addCalendarDays(lock, 1));
    expect(await sweepLifecycle(db, clock)).toMatchObject({ locked: 0, warnings7: 0 });
    expect((await statusOf(box.id)).status).toBe("ACTIVE");
  });

  it("catches up after the worker was down: both warnings still come, 7 days apart, before any lock", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id, { cycleStartedAt: T0, createdAt: T0, lastLoginAt: null });
    const lock = lockDueAt(box);
    const late = addCalendarDays(lock, 40);
    const clock = fixedClock(late);
    expect(await sweepAndDeliver(clock)).toMatchObject({ warnings14: 1, locked: 0 });
    clock.set(addCalendarDays(late, 6));
    expect(await sweepAndDeliver(clock)).toMatchObject({ warnings7: 0, locked: 0 });
    clock.set(addCalendarDays(late, 7));
    expect(await sweepAndDeliver(clock)).toMatchObject({ warnings7: 1, locked: 0 });
    clock.set(new Date(addCalendarDays(late, 14).getTime() - 1));
    expect(await sweepAndDeliver(clock)).toMatchObject({ locked: 0 });
    clock.set(addCalendarDays(late, 14));
    expect(await sweepAndDeliver(clock)).toMatchObject({ locked: 1 });
    // Neither late warning named a date already past: both named the lock as it came (R-LC-6).
    const sent = await db.sinkMessage.findMany({
      where: { to: { has: box.address }, subject: { contains: "sperres" } },
      orderBy: { id: "asc" },
    });
    const named = `E-postkontoen ${box.address} sperres ${formatLongDateTime(addCalendarDays(late, 14), "nb")}`;
    expect(sent.map((m) => m.subject)).toEqual([named, named]);
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
    const inactive = await Promise.all(
      [0, 1].map(() =>
        createMailbox(db, customer.id, { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: addCalendarDays(lockedAt, -92) }),
      ),
    );
    const ended = await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "BROADBAND_ENDED", lockedAt });
    // Locked yesterday: inside its restore window, so kept.
    const kept = await createMailbox(db, customer.id, {
      status: "LOCKED",
      lockReason: "INACTIVITY",
      lockedAt: addCalendarDays(clock.now(), -1),
    });
    const all = [...inactive, ended, kept];
    const now = clock.now();
    for (const box of all) {
      await db.twoFactor.create({ data: { kind: "MAILBOX", principalId: box.id, secret: "sealed", enabledAt: now } });
      await db.recoveryCode.create({ data: { kind: "MAILBOX", principalId: box.id, hash: `hash-${box.id}` } });
      await db.webSession.create({
        data: { kind: "MAILBOX", principalId: box.id, tokenHash: `test-${box.id}`, expiresAt: addCalendarDays(now, 1) },
      });
      await db.cleanmailLink.create({
        data: { mailboxId: box.id, tokenHash: `token-${box.id}`, createdAt: now, expiresAt: addCalendarDays(now, 15) },
      });
      await db.quarantinedMessage.create({
        data: {
          mailboxId: box.id,
          receivedAt: now,
          raw: Buffer.from("Subject: x\r\n\r\nx"),
          sizeBytes: 16,
          score: 9,
          reason: "spam",
          expiresAt: addCalendarDays(now, 30),
        },
      });
      await db.paidPeriod.create({
        data: { mailboxId: box.id, customerId: customer.id, startsAt: addCalendarDays(now, -60), priceOre: 3900 },
      });
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
    const gone = {
      twoFactor: 0,
      recoveryCodes: 0,
      liveSessions: 0,
      liveLinks: 0,
      quarantine: 0,
      openPaidPeriods: 0,
      retired: "DELETED",
      status: "DELETED",
    };
    // The mail servers are told to remove the mail now (R-ACC-5, R-PLAT-3).
    const mailGoneBy = clock.now().toISOString();
    for (const box of inactive)
      expect(await wiped(box.id, box.address)).toEqual({ ...gone, platformEvents: [{ reason: "inactivity", mailGoneBy }] });
    expect(await wiped(ended.id, ended.address)).toEqual({ ...gone, platformEvents: [{ reason: "broadbandEnded", mailGoneBy }] });
    expect(await wiped(kept.id, kept.address)).toEqual({
      status: "LOCKED",
      twoFactor: 1,
      recoveryCodes: 1,
      liveSessions: 1,
      liveLinks: 1,
      quarantine: 1,
      openPaidPeriods: 1,
      retired: null,
      platformEvents: [],
    });
  });

  it("applies each transition exactly once with two workers sweeping at the same time", async () => {
    const customer = await createCustomer(db);
    const boxes = await Promise.all(
      Array.from({ length: 40 }, () => createMailbox(db, customer.id, { cycleStartedAt: T0, createdAt: T0, lastLoginAt: null })),
    );
    const clock = fixedClock(addCalendarDays(lockDueAt(boxes[0]!), -14));
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
    const clock = fixedClock(addCalendarDays(lockDueAt(boxes[0]!), -14));
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

  it("31 August + 6 months is 28 February: both warnings and the lock on time, naming the same date (R-LC-6)", async () => {
    const customer = await createCustomer(db);
    // 10:00 in Oslo on 31 August, and 00:30 on 1 September in Oslo (still 31 August in UTC).
    const box = await createMailbox(db, customer.id, { cycleStartedAt: T0, createdAt: T0, lastLoginAt: new Date("2026-08-31T08:00:00Z") });
    const late = await createMailbox(db, customer.id, { cycleStartedAt: T0, createdAt: T0, lastLoginAt: new Date("2026-08-31T22:30:00Z") });
    const lock = new Date("2027-02-28T09:00:00Z");
    const lateLock = new Date("2027-02-28T23:30:00Z"); // 1 March 00:30 in Oslo
    const clock = fixedClock(new Date(addCalendarDays(lock, -14).getTime() - 60_000));
    await sweepAndDeliver(clock);
    expect(await db.notice.count({ where: { mailboxId: { in: [box.id, late.id] } } })).toBe(0);
    for (const [at, id] of [
      [addCalendarDays(lock, -14), box.id],
      [addCalendarDays(lateLock, -14), late.id],
      [addCalendarDays(lock, -7), box.id],
      [addCalendarDays(lateLock, -7), late.id],
    ] as const) {
      clock.set(at);
      await sweepAndDeliver(clock);
      const newest = await db.notice.findFirstOrThrow({ where: { mailboxId: id }, orderBy: { queuedAt: "desc" } });
      expect(newest.queuedAt).toEqual(at);
    }
    clock.set(new Date(lock.getTime() - 1));
    await sweepAndDeliver(clock);
    expect((await statusOf(box.id)).status).toBe("ACTIVE");
    clock.set(lock);
    await sweepAndDeliver(clock);
    expect(await statusOf(box.id)).toMatchObject({ status: "LOCKED", lockedAt: lock });
    const subjects = async (address: string) =>
      (await db.sinkMessage.findMany({ where: { to: { has: address }, subject: { contains: "sperres" } } })).map((m) => m.subject);
    expect(await subjects(box.address)).toEqual(Array(2).fill(`E-postkontoen ${box.address} sperres søndag 28. februar 2027 kl. 10:00`));
    expect(await subjects(late.address)).toEqual(Array(2).fill(`E-postkontoen ${late.address} sperres mandag 1. mars 2027 kl. 00:30`));
  });

  it("counts the warnings in calendar days across both DST changes", async () => {
    const customer = await createCustomer(db);
    // Locks at 5 April 2027 00:30 (summer time) and 5 November 2027 23:30 (winter time).
    const spring = await createMailbox(db, customer.id, {
      cycleStartedAt: T0,
      createdAt: T0,
      lastLoginAt: new Date("2026-10-04T22:30:00Z"),
    });
    const autumn = await createMailbox(db, customer.id, {
      cycleStartedAt: T0,
      createdAt: T0,
      lastLoginAt: new Date("2027-05-05T21:30:00Z"),
    });
    expect(lockDueAt(spring).toISOString()).toBe("2027-04-04T22:30:00.000Z");
    expect(lockDueAt(autumn).toISOString()).toBe("2027-11-05T22:30:00.000Z");
    // 22 March 00:30 winter time is 14 calendar days before (not 21 March, 14 × 24 hours).
    const clock = fixedClock("2027-03-21T23:29:00Z");
    await sweepAndDeliver(clock);
    expect(await db.notice.count({ where: { mailboxId: spring.id } })).toBe(0);
    clock.set("2027-03-21T23:30:00Z");
    await sweepAndDeliver(clock);
    expect(await db.notice.count({ where: { mailboxId: spring.id } })).toBe(1);
    // 22 and 29 October 23:30, summer time (not 13 and 6 calendar days before).
    for (const [before, at] of [
      ["2027-10-22T21:29:00Z", "2027-10-22T21:30:00Z"],
      ["2027-10-29T21:29:00Z", "2027-10-29T21:30:00Z"],
    ] as const) {
      const count = await db.notice.count({ where: { mailboxId: autumn.id } });
      clock.set(before);
      await sweepAndDeliver(clock);
      expect(await db.notice.count({ where: { mailboxId: autumn.id } })).toBe(count);
      clock.set(at);
      await sweepAndDeliver(clock);
      expect(await db.notice.count({ where: { mailboxId: autumn.id } })).toBe(count + 1);
    }
  });

  it("finds every mailbox the moment its first warning is due, whatever the month end or DST (the candidate query, against Temporal)", async () => {
    const customer = await createCustomer(db);
    // Last logins near month ends and both DST changes of 2026–2028, at random minutes.
    const edges = [
      "2026-08-31",
      "2026-03-29",
      "2026-10-25",
      "2027-01-31",
      "2027-03-28",
      "2027-05-31",
      "2027-10-31",
      "2027-12-31",
      "2028-03-26",
      "2028-08-31",
    ];
    const logins = fc
      .sample(fc.tuple(fc.constantFrom(...edges), fc.integer({ min: -36 * 60, max: 36 * 60 })), { numRuns: 24, seed: 13 })
      .map(([day, minutes]) => new Date(Date.parse(`${day}T00:00:00Z`) + minutes * 60_000));
    const boxes = [];
    for (const lastLoginAt of logins) boxes.push(await createMailbox(db, customer.id, { cycleStartedAt: T0, createdAt: T0, lastLoginAt }));
    const firstWarning = (login: Date) => {
      const lock = Temporal.Instant.fromEpochMilliseconds(login.getTime()).toZonedDateTimeISO("Europe/Oslo").add({ months: 6 });
      return new Date(lock.subtract({ days: 14 }).epochMilliseconds);
    };
    const due = boxes.map((b) => ({ id: b.id, at: firstWarning(b.lastLoginAt!) })).sort((a, b) => a.at.getTime() - b.at.getTime());
    const clock = fixedClock(new Date(0));
    for (const { id, at } of due) {
      clock.set(new Date(at.getTime() - 60_000));
      await sweepLifecycle(db, clock);
      expect(await db.notice.count({ where: { mailboxId: id } })).toBe(0);
      clock.set(at);
      await sweepLifecycle(db, clock);
      expect((await db.notice.findFirstOrThrow({ where: { mailboxId: id } })).queuedAt).toEqual(at);
    }
  });

  // Last: its mailbox would count in the sweeps of the tests above.
  it("writes in English to a customer who chose English", async () => {
    const customer = await createCustomer(db);
    await db.customer.update({ where: { id: customer.id }, data: { locale: "en" } });
    const box = await createMailbox(db, customer.id, { cycleStartedAt: T0, createdAt: T0, lastLoginAt: null });
    const at = addCalendarDays(lockDueAt(box), -14);
    await sweepLifecycle(db, fixedClock(at));
    const notice = first(await noticesOf(box.id));
    const mail = await mailOf(notice, at);
    expect(mail.subject).toBe(`The e-mail account ${box.address} will be locked on Thursday, 10 September 2026 at 10:00`);
    expect(mail.html).toContain('lang="en"');
  });
});
