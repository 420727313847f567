// The lifecycle state machine: examples for each transition, and properties over random histories
// of logins, worker runs and SMTP outages, where a warning queued is not a warning delivered.
// Checked against Temporal (an independent calendar), not the machine's own arithmetic.
// R-LC-1..3, R-LC-6, R-PAY-3, R-ACC-3. Pure: starts nothing.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { addCalendarDays, addCalendarMonths } from "@/lib/lifecycle/calendar";
import { announcedLockAt, dueAt, type MachineFacts, type Warning, type WarningKind } from "@/lib/lifecycle/machine";
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

/** A warning queued at `queuedAt` and delivered at `deliveredAt`, announcing what it would then. */
function warning(kind: WarningKind, cycle: Date, queuedAt: Date, deliveredAt: Date | null, floor = cycle): Warning {
  return { kind, cycle, queuedAt, deliveredAt, deadline: announcedLockAt(kind, floor, deliveredAt ?? queuedAt) };
}

describe("dueAt, by example", () => {
  const lock = lockDueAt(fresh());

  it("warns 14 days and 7 days before the lock, then locks (R-LC-1, R-LC-2)", () => {
    expect(dueAt(fresh(), addCalendarDays(lock, -15))).toEqual({ action: "none", nextAt: addCalendarDays(lock, -14) });
    expect(dueAt(fresh(), addCalendarDays(lock, -14))).toMatchObject({
      action: "warn",
      kind: "LOCK_WARNING_14",
      cycle: lock,
      lockAt: lock,
    });
    const w14 = warning("LOCK_WARNING_14", lock, addCalendarDays(lock, -14), addCalendarDays(lock, -14));
    expect(dueAt(fresh({ warnings: [w14] }), addCalendarDays(lock, -8))).toEqual({ action: "none", nextAt: addCalendarDays(lock, -7) });
    expect(dueAt(fresh({ warnings: [w14] }), addCalendarDays(lock, -7))).toMatchObject({
      action: "warn",
      kind: "LOCK_WARNING_7",
      lockAt: lock,
    });
    const w7 = warning("LOCK_WARNING_7", lock, addCalendarDays(lock, -7), addCalendarDays(lock, -7));
    expect(dueAt(fresh({ warnings: [w14, w7] }), new Date(lock.getTime() - 1))).toEqual({ action: "none", nextAt: lock });
    expect(dueAt(fresh({ warnings: [w14, w7] }), lock)).toEqual({ action: "lock", cycle: lock });
  });

  it("counts six calendar months in Oslo: 31 January + 6 months is 31 July", () => {
    expect(lock.toISOString()).toBe("2026-07-31T09:00:00.000Z");
  });

  it("holds everything while a warning is queued but not delivered (R-LC-6)", () => {
    const queued = addCalendarDays(lock, -14);
    const w14 = warning("LOCK_WARNING_14", lock, queued, null);
    // Weeks past the nominal lock: still nothing but the wait.
    expect(dueAt(fresh({ warnings: [w14] }), addCalendarDays(lock, 30))).toEqual({
      action: "hold",
      kind: "LOCK_WARNING_14",
      since: queued,
    });
    // Delivered at last, 40 days late: the 7-day warning 7 days after it, the lock 7 days after that.
    const delivered = addCalendarDays(lock, 40);
    const late14 = warning("LOCK_WARNING_14", lock, queued, delivered);
    expect(late14.deadline).toEqual(addCalendarDays(delivered, 14));
    expect(dueAt(fresh({ warnings: [late14] }), addCalendarDays(delivered, 6))).toEqual({
      action: "none",
      nextAt: addCalendarDays(delivered, 7),
    });
    const w7 = warning("LOCK_WARNING_7", lock, addCalendarDays(delivered, 7), null, late14.deadline!);
    expect(dueAt(fresh({ warnings: [late14, w7] }), addCalendarDays(delivered, 20))).toMatchObject({
      action: "hold",
      kind: "LOCK_WARNING_7",
    });
    const d7 = warning("LOCK_WARNING_7", lock, addCalendarDays(delivered, 7), addCalendarDays(delivered, 7), late14.deadline!);
    // Both announced the same date, and that is when the lock comes.
    expect(d7.deadline).toEqual(late14.deadline);
    expect(dueAt(fresh({ warnings: [late14, d7] }), new Date(late14.deadline!.getTime() - 1))).toMatchObject({ action: "none" });
    expect(dueAt(fresh({ warnings: [late14, d7] }), late14.deadline!)).toEqual({ action: "lock", cycle: lock });
  });

  it("announces, in a late warning, the date that will apply, never one already past", () => {
    const now = addCalendarDays(lock, 3);
    const due = dueAt(fresh(), now);
    expect(due).toMatchObject({ action: "warn", kind: "LOCK_WARNING_14", lockAt: addCalendarDays(now, 14) });
  });

  it("drops the lock when someone logs in after a warning", () => {
    const w14 = warning("LOCK_WARNING_14", lock, addCalendarDays(lock, -14), addCalendarDays(lock, -14));
    const login = addCalendarDays(lock, -10);
    const after = fresh({ warnings: [w14], lastLoginAt: login });
    expect(dueAt(after, addCalendarDays(lock, 1))).toEqual({ action: "none", nextAt: addCalendarDays(addCalendarMonths(login, 6), -14) });
  });

  it("deletes 92 calendar days after an inactivity lock and 2 months after a broadband lock (R-LC-3, R-PAY-3)", () => {
    const lockedAt = new Date("2026-07-31T09:00:00Z");
    const inactive = fresh({ status: "LOCKED", lockReason: "INACTIVITY", lockedAt });
    // 31 July 11:00 summer time + 92 days = 31 October 11:00, winter time by then: 93 × 24 h − 1 h.
    expect(addCalendarDays(lockedAt, 92).toISOString()).toBe("2026-10-31T10:00:00.000Z");
    expect(dueAt(inactive, addCalendarDays(lockedAt, 91))).toEqual({ action: "none", nextAt: addCalendarDays(lockedAt, 92) });
    expect(dueAt(inactive, addCalendarDays(lockedAt, 92))).toEqual({ action: "delete", reason: "INACTIVITY" });
    const broadband = fresh({ status: "LOCKED", lockReason: "BROADBAND_ENDED", lockedAt });
    // 31 July + 2 calendar months: 30 September, the month's last day, same wall-clock time.
    expect(dueAt(broadband, new Date("2026-09-30T08:59:59Z"))).toEqual({ action: "none", nextAt: new Date("2026-09-30T09:00:00Z") });
    expect(dueAt(broadband, new Date("2026-09-30T09:00:00Z"))).toEqual({ action: "delete", reason: "BROADBAND_ENDED" });
  });

  it("does nothing, ever, to a deleted mailbox (R-ACC-3)", () => {
    expect(dueAt(fresh({ status: "DELETED" }), addCalendarDays(START, 5000))).toEqual({ action: "none", nextAt: null });
  });
});

// ---- Properties over random histories -------------------------------------------------------

type Event = { at: number; kind: "login" | "tick" };
type Outage = { from: number; to: number };
type Delivered = { kind: WarningKind; cycle: Date; at: Date; announced: Date };
type Applied = { at: Date; due: Exclude<ReturnType<typeof dueAt>, { action: "none" | "hold" }>; facts: MachineFacts };

/**
 * Runs the machine through a history as the worker would live it: logins happen; at each tick
 * the worker sweeps and then delivers what is queued, unless the SMTP server is down. A warning
 * whose cycle no longer holds (the holder logged in) is never delivered.
 */
function simulate(events: Event[], outages: Outage[]) {
  let facts = fresh();
  const applied: Applied[] = [];
  const delivered: Delivered[] = [];
  const down = (t: number) => outages.some((o) => t >= o.from && t < o.to);
  const deliver = (now: Date) => {
    if (down(now.getTime() - START.getTime())) return;
    facts = {
      ...facts,
      warnings: facts.warnings.map((w) => {
        if (w.deliveredAt || facts.status !== "ACTIVE" || lockDueAt(facts).getTime() !== w.cycle.getTime()) return w;
        const announced = announcedLockAt(w.kind, w.deadline ?? w.cycle, now);
        delivered.push({ kind: w.kind, cycle: w.cycle, at: now, announced });
        return { ...w, deliveredAt: now, deadline: announced };
      }),
    };
  };
  for (const event of [...events].sort((a, b) => a.at - b.at)) {
    const now = new Date(START.getTime() + event.at);
    if (event.kind === "login") {
      // A locked or deleted mailbox cannot log in (the mail servers refuse it).
      if (facts.status === "ACTIVE") facts = { ...facts, lastLoginAt: now };
      continue;
    }
    for (let step = 0; step < 6; step++) {
      deliver(now);
      const due = dueAt(facts, now);
      if (due.action === "none" || due.action === "hold") break;
      applied.push({ at: now, due, facts });
      if (due.action === "warn")
        facts = {
          ...facts,
          warnings: [...facts.warnings, { kind: due.kind, cycle: due.cycle, queuedAt: now, deliveredAt: null, deadline: due.lockAt }],
        };
      if (due.action === "lock") facts = { ...facts, status: "LOCKED", lockReason: "INACTIVITY", lockedAt: now };
      if (due.action === "delete") facts = { ...facts, status: "DELETED" };
    }
  }
  return { facts, applied, delivered };
}

const ZONE = "Europe/Oslo";
const zoned = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime()).toZonedDateTimeISO(ZONE);
/** `days` Oslo calendar days after `d` at the same wall-clock time, by Temporal. */
const plusDays = (d: Date, days: number) => new Date(zoned(d).add({ days }).epochMilliseconds);

const history = fc.array(
  fc.record({
    at: fc.integer({ min: 0, max: 700 * DAY }),
    kind: fc.constantFrom<"login" | "tick">("login", "tick", "tick", "tick"),
  }),
  { maxLength: 120 },
);
/** SMTP outages of an hour to two months. */
const outages = fc.array(
  fc
    .tuple(fc.integer({ min: 0, max: 700 * DAY }), fc.integer({ min: 3_600_000, max: 60 * DAY }))
    .map(([from, length]) => ({ from, to: from + length })),
  { maxLength: 4 },
);
/** Histories with a daily tick, so the schedule runs its course. */
const dailyHistory = fc
  .tuple(history, fc.integer({ min: 0, max: DAY - 1 }))
  .map(([events, offset]) => [...events, ...Array.from({ length: 700 }, (_, d) => ({ at: d * DAY + offset, kind: "tick" as const }))]);

describe("dueAt, over random histories with SMTP outages", () => {
  it("never locks without both warnings delivered, 7 calendar days apart, and 7 days before the lock (R-LC-6)", () => {
    fc.assert(
      fc.property(dailyHistory, outages, (events, down) => {
        const { applied, delivered } = simulate(events, down);
        for (const a of applied) {
          if (a.due.action !== "lock") continue;
          const cycle = a.due.cycle.getTime();
          const ofCycle = delivered.filter((d) => d.cycle.getTime() === cycle && d.at <= a.at);
          expect(ofCycle.map((d) => d.kind)).toEqual(["LOCK_WARNING_14", "LOCK_WARNING_7"]);
          const [d14, d7] = ofCycle as [Delivered, Delivered];
          expect(d7.at.getTime()).toBeGreaterThanOrEqual(plusDays(d14.at, 7).getTime());
          expect(a.at.getTime()).toBeGreaterThanOrEqual(plusDays(d7.at, 7).getTime());
          // Never before six calendar months without a login, by Temporal.
          const since = a.facts.lastLoginAt && a.facts.lastLoginAt > START ? a.facts.lastLoginAt : START;
          expect(a.at.getTime()).toBeGreaterThanOrEqual(zoned(since).add({ months: 6 }).epochMilliseconds);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("every warning announces the date that applies: both name the same or a later one, and the lock comes then", () => {
    fc.assert(
      fc.property(dailyHistory, outages, (events, down) => {
        const { applied, delivered } = simulate(events, down);
        for (const a of applied) {
          if (a.due.action !== "lock") continue;
          const ofCycle = delivered.filter((d) => d.cycle.getTime() === (a.due as { cycle: Date }).cycle.getTime());
          expect(ofCycle).toHaveLength(2);
          const [d14, d7] = ofCycle as [Delivered, Delivered];
          expect(d7.announced.getTime()).toBeGreaterThanOrEqual(d14.announced.getTime());
          // The lock is due exactly at the date the last warning named, not a moment before.
          expect(dueAt(a.facts, new Date(d7.announced.getTime() - 1)).action).not.toBe("lock");
          expect(dueAt(a.facts, d7.announced).action).toBe("lock");
          expect(a.at.getTime()).toBeGreaterThanOrEqual(d7.announced.getTime());
        }
        // A warning never names a date already past when it is delivered.
        for (const d of delivered) expect(d.announced.getTime()).toBeGreaterThan(d.at.getTime());
      }),
      { numRuns: 300 },
    );
  });

  it("queues at most one warning of each kind per cycle, and the 7-day one only after the 14-day one was delivered", () => {
    fc.assert(
      fc.property(history, outages, (events, down) => {
        const { applied, delivered } = simulate(events, down);
        const warns = applied.filter((a) => a.due.action === "warn") as (Applied & { due: { kind: WarningKind; cycle: Date } })[];
        const keys = warns.map((a) => `${a.due.kind}@${a.due.cycle.toISOString()}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (const w of warns.filter((x) => x.due.kind === "LOCK_WARNING_7")) {
          const d14 = delivered.find((d) => d.kind === "LOCK_WARNING_14" && d.cycle.getTime() === w.due.cycle.getTime());
          expect(d14 && d14.at <= w.at).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never deletes before 92 calendar days after the lock, and deleted is final", () => {
    fc.assert(
      fc.property(dailyHistory, outages, (events, down) => {
        const { applied } = simulate(events, down);
        const lockIndex = applied.findIndex((a) => a.due.action === "lock");
        const deleteIndex = applied.findIndex((a) => a.due.action === "delete");
        if (deleteIndex >= 0) {
          expect(lockIndex).toBeGreaterThanOrEqual(0);
          expect(applied[deleteIndex]!.at.getTime()).toBeGreaterThanOrEqual(plusDays(applied[lockIndex]!.at, 92).getTime());
          expect(applied.slice(deleteIndex + 1)).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a login in time always keeps the mailbox active, whatever the SMTP server does", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 170 }), { minLength: 1, maxLength: 10 }), outages, (gapsInDays, down) => {
        // Logins never more than 170 days apart, the worker ticking daily: no lock, ever.
        const events: Event[] = [];
        let t = 0;
        for (const gap of gapsInDays) {
          t += gap * DAY;
          events.push({ at: t, kind: "login" });
        }
        for (let d = 0; d <= t / DAY + 100; d++) events.push({ at: d * DAY + 1, kind: "tick" });
        expect(simulate(events, down).applied.filter((a) => a.due.action === "lock")).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

describe("the random histories", () => {
  it("reach every transition and long outages, so the properties above are not vacuous", () => {
    const seen = new Set<string>();
    let heldThroughOutage = false;
    for (const [events, down] of fc.sample(fc.tuple(dailyHistory, outages), { numRuns: 300, seed: 42 })) {
      const { applied, delivered } = simulate(events, down);
      for (const a of applied) seen.add(a.due.action === "warn" ? a.due.kind : a.due.action);
      // A lock that came later than its nominal date because a warning waited out an outage.
      heldThroughOutage ||= applied.some(
        (a) =>
          a.due.action === "lock" &&
          delivered.some(
            (d) => d.cycle.getTime() === (a.due as { cycle: Date }).cycle.getTime() && d.announced > (a.due as { cycle: Date }).cycle,
          ),
      );
    }
    expect([...seen].sort()).toEqual(["LOCK_WARNING_14", "LOCK_WARNING_7", "delete", "lock"]);
    expect(heldThroughOutage).toBe(true);
  });
});
