// Login events against a real PostgreSQL (R-LC-4): idempotent, per-entry outcomes, never
// backwards, and no race with the lock: a login before the lock time undoes a lock made after it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { createCustomer, createMailbox } from "@/test/factories";
import { fixedClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { addCalendarDays } from "@/lib/lifecycle/calendar";
import { lockDueAt } from "@/lib/lifecycle/rules";
import { recordLoginBatch } from "@/lib/lifecycle/login-service";
import { sweepLifecycle } from "@/lib/lifecycle/sweep";
import { composeStored } from "@/lib/mail/delivery";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await freshDatabase()));
afterAll(() => close());

const clock = fixedClock("2026-11-27T12:00:00Z");
const T0 = new Date("2026-03-10T09:00:00Z");

/** A mailbox whose two warnings went out (delivered), due to lock at `lockDueAt`. */
async function warnedMailbox() {
  const customer = await createCustomer(db);
  const box = await createMailbox(db, customer.id, { cycleStartedAt: T0, createdAt: T0, lastLoginAt: null });
  const lock = lockDueAt(box);
  for (const [kind, days] of [
    ["LOCK_WARNING_14", 14],
    ["LOCK_WARNING_7", 7],
  ] as const) {
    const at = addCalendarDays(lock, -days);
    await db.notice.create({ data: { mailboxId: box.id, kind, cycle: lock, deadline: lock, queuedAt: at, deliveredAt: at } });
  }
  return { customer, box, lock };
}

describe("recordLoginBatch", () => {
  it("records logins, moves the last login forward, and a re-sent batch changes nothing", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id, { lastLoginAt: new Date("2026-10-01T00:00:00Z") });
    const batch = [
      { address: box.address, protocol: "imap", at: "2026-11-20T08:00:00Z" },
      { address: box.address.toUpperCase(), protocol: "smtp", at: "2026-11-26T09:30:00Z" },
      { address: box.address, protocol: "pop3", at: "2026-11-01T07:00:00Z" },
    ];
    expect(await recordLoginBatch(db, clock, batch)).toMatchObject({ accepted: 3, alreadyKnown: 0, errors: [] });
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).lastLoginAt).toEqual(new Date("2026-11-26T09:30:00Z"));

    expect(await recordLoginBatch(db, clock, batch)).toMatchObject({
      accepted: 0,
      alreadyKnown: 3,
      errors: [],
      results: [0, 1, 2].map((index) => ({ index, outcome: "alreadyKnown" })),
    });
    expect(await db.loginEvent.count({ where: { mailboxId: box.id } })).toBe(3);

    // An older login arriving late never moves the date back.
    await recordLoginBatch(db, clock, [{ address: box.address, protocol: "webmail", at: "2026-10-15T00:00:00Z" }]);
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).lastLoginAt).toEqual(new Date("2026-11-26T09:30:00Z"));
  });

  it("keeps the good entries of a batch with bad ones, and says what happened to each", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id, { lastLoginAt: null });
    const locked = await createMailbox(db, customer.id, {
      status: "LOCKED",
      lockReason: "INACTIVITY",
      lockedAt: new Date("2026-11-01T00:00:00Z"),
    });
    const gone = await createMailbox(db, customer.id, { status: "DELETED" });
    const result = await recordLoginBatch(db, clock, [
      { address: box.address, protocol: "lmtp", at: "2026-11-27T10:00:00Z" },
      { address: "ingen@altibox.no", protocol: "imap", at: "2026-11-27T10:00:00Z" },
      { address: gone.address, protocol: "imap", at: "2026-11-27T10:00:00Z" },
      { address: locked.address, protocol: "imap", at: "2026-11-27T10:00:00Z" },
      { address: box.address, protocol: "imap", at: "2030-01-01T00:00:00Z" },
      { address: box.address, protocol: "imap", at: "2026-11-27T10:00:00Z" },
      { address: box.address, protocol: "imap", at: "2026-11-27T10:00:00Z" },
    ]);
    expect(result).toEqual({
      accepted: 1,
      alreadyKnown: 1,
      reopened: 0,
      errors: [
        { index: 0, error: "notALogin" },
        { index: 1, error: "unknownAddress" },
        { index: 2, error: "unknownAddress" },
        { index: 3, error: "mailboxLocked" },
        { index: 4, error: "future" },
      ],
      results: [
        { index: 0, outcome: "notALogin" },
        { index: 1, outcome: "unknownAddress" },
        { index: 2, outcome: "unknownAddress" },
        { index: 3, outcome: "mailboxLocked" },
        { index: 4, outcome: "future" },
        { index: 5, outcome: "recorded" },
        { index: 6, outcome: "alreadyKnown" },
      ],
    });
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).lastLoginAt).toEqual(new Date("2026-11-27T10:00:00Z"));
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: locked.id } })).lastLoginAt).toBeNull();
  });
});

describe("a login and the lock (R-LC-1, R-LC-4)", () => {
  it("a login posted while the sweep is locking waits for it, then undoes the lock: it came first", async () => {
    const { customer, box, lock } = await warnedMailbox();
    // The sweep runs at the lock time and holds its transaction open after locking.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locking!: () => void;
    const locked = new Promise<void>((resolve) => (locking = resolve));
    const sweep = sweepLifecycle(db, fixedClock(lock), {
      onBatchApplied: async () => {
        locking();
        await held;
      },
    });
    await locked;
    // 08:59:30 for a lock due 09:00, reported while the sweep's transaction is open.
    const loginAt = new Date(lock.getTime() - 30_000);
    const posted = recordLoginBatch(db, fixedClock(lock), [{ address: box.address, protocol: "imap", at: loginAt.toISOString() }]);
    // The login waits for the mailbox row; let the sweep commit its lock.
    await new Promise((r) => setTimeout(r, 300));
    release();
    expect(await sweep).toMatchObject({ locked: 1 });
    expect(await posted).toMatchObject({ accepted: 1, reopened: 1, results: [{ index: 0, outcome: "reopened" }] });

    const after = await db.mailbox.findUniqueOrThrow({ where: { id: box.id } });
    expect(after).toMatchObject({ status: "ACTIVE", lockReason: null, lockedAt: null, lastLoginAt: loginAt });
    // The holder and the owner are told why, with the login's time; the lock's own e-mail is not sent.
    const reopened = await db.notice.findFirstOrThrow({ where: { mailboxId: box.id, kind: "REOPENED" }, include: { mails: true } });
    expect(reopened.mails.map((m) => m.to).sort()).toEqual([box.address, customer.email].sort());
    const mail = (
      await composeStored(
        db,
        reopened.mails,
        { from: "x <ikke-svar@altibox.no>", brand: "Altibox", mailboxesUrl: "http://localhost/" },
        lock,
      )
    ).get(reopened.mails[0]!.id)!;
    expect(mail.text).toContain("kontoen er åpnet igjen fordi du logget inn");
    const lockNotice = await db.notice.findFirstOrThrow({ where: { mailboxId: box.id, kind: "LOCKED" }, include: { mails: true } });
    const lockMails = await composeStored(
      db,
      lockNotice.mails,
      { from: "x <ikke-svar@altibox.no>", brand: "Altibox", mailboxesUrl: "http://localhost/" },
      lock,
    );
    expect([...lockMails.values()].every((m) => m.stale)).toBe(true);
    expect(await db.auditEvent.count({ where: { subjectId: box.id, action: "mailbox.reopen" } })).toBe(1);
    // The next sweep leaves it alone: its cycle runs from the login now.
    expect(await sweepLifecycle(db, fixedClock(addCalendarDays(lock, 1)))).toMatchObject({ locked: 0 });
  });

  it("a login at 08:59 reported after a 09:01 lock reopens the mailbox; one after the lock does not", async () => {
    const { box, lock } = await warnedMailbox();
    const at = new Date(lock.getTime() + 60_000);
    expect(await sweepLifecycle(db, fixedClock(at))).toMatchObject({ locked: 1 });
    const later = fixedClock(new Date(at.getTime() + 10 * 60_000));
    expect(
      await recordLoginBatch(db, later, [{ address: box.address, protocol: "smtp", at: new Date(at.getTime() + 60_000).toISOString() }]),
    ).toMatchObject({
      accepted: 0,
      results: [{ index: 0, outcome: "mailboxLocked" }],
    });
    expect(
      await recordLoginBatch(db, later, [{ address: box.address, protocol: "smtp", at: new Date(lock.getTime() - 60_000).toISOString() }]),
    ).toMatchObject({
      reopened: 1,
      results: [{ index: 0, outcome: "reopened" }],
    });
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).status).toBe("ACTIVE");
    // Re-sent: known, and nothing to undo twice.
    expect(
      await recordLoginBatch(db, later, [{ address: box.address, protocol: "smtp", at: new Date(lock.getTime() - 60_000).toISOString() }]),
    ).toMatchObject({
      reopened: 0,
      results: [{ index: 0, outcome: "alreadyKnown" }],
    });
  });

  it("does not reopen past the 5-limit, and never a mailbox closed because broadband ended", async () => {
    const { customer, box, lock } = await warnedMailbox();
    await sweepLifecycle(db, fixedClock(lock));
    for (let i = 0; i < 5; i++) await createMailbox(db, customer.id);
    expect(
      await recordLoginBatch(db, fixedClock(lock), [
        { address: box.address, protocol: "imap", at: new Date(lock.getTime() - 1000).toISOString() },
      ]),
    ).toMatchObject({
      results: [{ index: 0, outcome: "lockedAtLimit" }],
    });
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).status).toBe("LOCKED");

    const other = await createCustomer(db, { broadbandStatus: "ENDED" });
    const closed = await createMailbox(db, other.id, { status: "LOCKED", lockReason: "BROADBAND_ENDED", lockedAt: lock });
    expect(
      await recordLoginBatch(db, fixedClock(lock), [
        { address: closed.address, protocol: "imap", at: new Date(lock.getTime() - 1000).toISOString() },
      ]),
    ).toMatchObject({
      reopened: 0,
      results: [{ index: 0, outcome: "recorded" }],
    });
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: closed.id } })).status).toBe("LOCKED");
  });
});
