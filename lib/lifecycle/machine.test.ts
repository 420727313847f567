// The lifecycle state machine: examples for each transition, and properties over random histories
// (logins, worker runs and worker outages at random times). R-LC-1..3, R-PAY-3, R-ACC-3.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addCalendarMonths, addDays } from "@/lib/lifecycle/calendar";
import { dueAt, type MachineFacts, type SentWarning } from "@/lib/lifecycle/machine";
import { lockDueAt } from "@/lib/lifecycle/rules";

const START = new Date("2026-01-31T10:00:00Z");
const DAY = 24 * 3_600_000;

const fresh = (over: Partial<MachineFacts> = {}): MachineFacts => ({
  status: "ACTIVE",
  lockReason: null,
  cycleStartedAt: START,
  lastLoginAt: null,
  lockedAt: null,
  warnings: [],
  ...over,
});

describe("dueAt, by example", () => {
  const lock = lockDueAt(fresh());

  it("warns 14 days and 7 days before the lock, then locks (R-LC-1, R-LC-2)", () => {
    expect(dueAt(fresh(), addDays(lock, -15))).toEqual({ action: "none", nextAt: addDays(lock, -14) });
    expect(dueAt(fresh(), addDays(lock, -14))).toMatchObject({ action: "warn", kind: "LOCK_WARNING_14", cycle: lock, lockAt: lock });
    const w14: SentWarning = { kind: "LOCK_WARNING_14", cycle: lock, sentAt: addDays(lock, -14) };
    expect(dueAt(fresh({ warnings: [w14] }), addDays(lock, -8))).toEqual({ action: "none", nextAt: addDays(lock, -7) });
    expect(dueAt(fresh({ warnings: [w14] }), addDays(lock, -7))).toMatchObject({ action: "warn", kind: "LOCK_WARNING_7" });
    const w7: SentWarning = { kind: "LOCK_WARNING_7", cycle: lock, sentAt: addDays(lock, -7) };
    expect(dueAt(fresh({ warnings: [w14, w7] }), new Date(lock.getTime() - 1))).toEqual({ action: "none", nextAt: lock });
    expect(dueAt(fresh({ warnings: [w14, w7] }), lock)).toEqual({ action: "lock", cycle: lock });
  });

  it("counts six calendar months in Oslo: 31 January + 6 months is 31 July", () => {
    expect(lock.toISOString()).toBe("2026-07-31T09:00:00.000Z");
  });

  it("drops the lock when someone logs in after a warning", () => {
    const w14: SentWarning = { kind: "LOCK_WARNING_14", cycle: lock, sentAt: addDays(lock, -14) };
    const login = addDays(lock, -10);
    const after = fresh({ warnings: [w14], lastLoginAt: login });
    expect(dueAt(after, addDays(lock, 1))).toEqual({ action: "none", nextAt: addDays(addCalendarMonths(login, 6), -14) });
  });

  it("catches up after an outage: late warnings move the lock, never skip a warning", () => {
    const now = addDays(lock, 30); // the worker was down for weeks
    expect(dueAt(fresh(), now)).toMatchObject({ action: "warn", kind: "LOCK_WARNING_14" });
    const w14: SentWarning = { kind: "LOCK_WARNING_14", cycle: lock, sentAt: now };
    expect(dueAt(fresh({ warnings: [w14] }), addDays(now, 6))).toEqual({ action: "none", nextAt: addDays(now, 7) });
    const w7: SentWarning = { kind: "LOCK_WARNING_7", cycle: lock, sentAt: addDays(now, 7) };
    expect(dueAt(fresh({ warnings: [w14, w7] }), addDays(now, 13))).toEqual({ action: "none", nextAt: addDays(now, 14) });
    expect(dueAt(fresh({ warnings: [w14, w7] }), addDays(now, 14))).toEqual({ action: "lock", cycle: lock });
  });

  it("deletes 92 days after an inactivity lock and 2 months after a broadband lock (R-LC-3, R-PAY-3)", () => {
    const lockedAt = new Date("2026-07-31T09:00:00Z");
    const inactive = fresh({ status: "LOCKED", lockReason: "INACTIVITY", lockedAt });
    expect(dueAt(inactive, addDays(lockedAt, 91))).toEqual({ action: "none", nextAt: addDays(lockedAt, 92) });
    expect(dueAt(inactive, addDays(lockedAt, 92))).toEqual({ action: "delete", reason: "INACTIVITY" });
    const broadband = fresh({ status: "LOCKED", lockReason: "BROADBAND_ENDED", lockedAt });
    // 31 July + 2 calendar months: 30 September, the month's last day, same wall-clock time.
    expect(dueAt(broadband, new Date("2026-09-30T08:59:59Z"))).toEqual({ action: "none", nextAt: new Date("2026-09-30T09:00:00Z") });
    expect(dueAt(broadband, new Date("2026-09-30T09:00:00Z"))).toEqual({ action: "delete", reason: "BROADBAND_ENDED" });
  });

  it("does nothing, ever, to a deleted mailbox (R-ACC-3)", () => {
    expect(dueAt(fresh({ status: "DELETED" }), addDays(START, 5000))).toEqual({ action: "none", nextAt: null });
  });
});

// ---- Properties over random histories -------------------------------------------------------

type Event = { at: number; kind: "login" | "tick" };
type Applied = { at: Date; due: Exclude<ReturnType<typeof dueAt>, { action: "none" }> };

/** Runs the machine through a history: logins happen, the worker ticks (when it is up). */
function simulate(events: Event[]) {
  let facts = fresh();
  const applied: Applied[] = [];
  for (const event of [...events].sort((a, b) => a.at - b.at)) {
    const now = new Date(START.getTime() + event.at);
    if (event.kind === "login") {
      // A locked or deleted mailbox cannot log in (the mail servers refuse it).
      if (facts.status === "ACTIVE") facts = { ...facts, lastLoginAt: now };
      continue;
    }
    // A tick applies everything due now, one step at a time, as the worker does.
    for (let step = 0; step < 5; step++) {
      const due = dueAt(facts, now);
      if (due.action === "none") break;
      applied.push({ at: now, due });
      if (due.action === "warn") facts = { ...facts, warnings: [...facts.warnings, { kind: due.kind, cycle: due.cycle, sentAt: now }] };
      if (due.action === "lock") facts = { ...facts, status: "LOCKED", lockReason: "INACTIVITY", lockedAt: now };
      if (due.action === "delete") facts = { ...facts, status: "DELETED" };
    }
  }
  return { facts, applied };
}

const history = fc.array(
  fc.record({
    at: fc.integer({ min: 0, max: 700 * DAY }),
    kind: fc.constantFrom<"login" | "tick">("login", "tick", "tick", "tick"),
  }),
  { maxLength: 120 },
);

describe("dueAt, over random histories", () => {
  it("never locks without both warnings of the cycle, the last one at least 7 days earlier", () => {
    fc.assert(
      fc.property(history, (events) => {
        const { applied } = simulate(events);
        for (const [i, a] of applied.entries()) {
          if (a.due.action !== "lock") continue;
          const cycle = a.due.cycle.getTime();
          const warnings = applied.slice(0, i).filter((w) => w.due.action === "warn" && w.due.cycle.getTime() === cycle);
          expect(warnings.map((w) => (w.due as { kind: string }).kind)).toEqual(["LOCK_WARNING_14", "LOCK_WARNING_7"]);
          expect(a.at.getTime() - warnings[1].at.getTime()).toBeGreaterThanOrEqual(7 * DAY);
          expect(warnings[1].at.getTime() - warnings[0].at.getTime()).toBeGreaterThanOrEqual(7 * DAY);
          // And never before six months without a login.
          expect(a.at.getTime()).toBeGreaterThanOrEqual(cycle);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("sends at most one warning of each kind per cycle", () => {
    fc.assert(
      fc.property(history, (events) => {
        const keys = simulate(events)
          .applied.filter((a) => a.due.action === "warn")
          .map((a) => `${(a.due as { kind: string }).kind}@${(a.due as { cycle: Date }).cycle.toISOString()}`);
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 300 },
    );
  });

  it("never deletes before the window ends, and deleted is final", () => {
    fc.assert(
      fc.property(history, (events) => {
        const { applied } = simulate(events);
        const lockIndex = applied.findIndex((a) => a.due.action === "lock");
        const deleteIndex = applied.findIndex((a) => a.due.action === "delete");
        if (deleteIndex >= 0) {
          expect(lockIndex).toBeGreaterThanOrEqual(0);
          expect(applied[deleteIndex].at.getTime() - applied[lockIndex].at.getTime()).toBeGreaterThanOrEqual(92 * DAY);
          expect(applied.slice(deleteIndex + 1)).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a login in time always keeps the mailbox active", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 170 }), { minLength: 1, maxLength: 10 }), (gapsInDays) => {
        // Logins never more than 170 days apart, the worker ticking daily: no lock, ever.
        const events: Event[] = [];
        let t = 0;
        for (const gap of gapsInDays) {
          t += gap * DAY;
          events.push({ at: t, kind: "login" });
        }
        for (let d = 0; d <= t / DAY + 100; d++) events.push({ at: d * DAY + 1, kind: "tick" });
        // After the last login, 100 days of ticks: still within six months.
        const { applied } = simulate(events);
        expect(applied.filter((a) => a.due.action === "lock")).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

describe("the random histories", () => {
  it("reach every transition, so the properties above are not vacuous", () => {
    const seen = new Set<string>();
    for (const events of fc.sample(history, { numRuns: 300, seed: 42 })) {
      for (const a of simulate(events).applied) seen.add(a.due.action === "warn" ? a.due.kind : a.due.action);
    }
    expect([...seen].sort()).toEqual(["LOCK_WARNING_14", "LOCK_WARNING_7", "delete", "lock"]);
  });
});
