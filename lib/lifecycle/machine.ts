// The inactivity lifecycle as a pure state machine: given a mailbox's facts and an instant, what
// is due now. R-LC-1..3, R-LC-6, R-PAY-3, R-ACC-3. No clock reads, no I/O: the worker applies it.
//
// - The warnings of a cycle are keyed by the nominal lock date ("cycle"): six calendar months in
//   Europe/Oslo after the later of the last login and the cycle start. A login moves that date, so
//   earlier warnings no longer count and the lock is off (R-LC-2).
// - A warning counts when it was delivered (accepted by an SMTP server), not when it was queued
//   (R-LC-6). Until the 14-day warning is delivered nothing else happens: no 7-day warning, no
//   lock. The 7-day warning comes at least 7 calendar days after the 14-day one was delivered, and
//   the lock at least 7 days after the 7-day one was delivered.
// - Every warning announces the lock date that will apply: the later of what the warning before it
//   announced and 7 or 14 days after its own delivery. The date is fixed when the first copy is
//   delivered (lib/mail/delivery.ts), and the lock never comes before any date announced.
import { POLICY } from "@/lib/policy";
import { addCalendarDays } from "@/lib/lifecycle/calendar";
import { deletionDueAt, lockDueAt, type LifecycleFacts } from "@/lib/lifecycle/rules";

export type WarningKind = "LOCK_WARNING_14" | "LOCK_WARNING_7";

export const WARNING_KINDS: readonly WarningKind[] = ["LOCK_WARNING_14", "LOCK_WARNING_7"];

const [EARLY_DAYS, LATE_DAYS] = POLICY.lifecycle.warningDaysBeforeLock;

/** R-LC-2: how many days before the lock a warning of this kind is sent. */
export function daysBeforeLock(kind: WarningKind): number {
  return kind === "LOCK_WARNING_14" ? EARLY_DAYS : LATE_DAYS;
}

/**
 * A warning of some cycle: queued when the sweep decided it, delivered when an SMTP server first
 * accepted a copy. `deadline` is the lock date it announces (fixed at that first delivery).
 */
export type Warning = { kind: WarningKind; cycle: Date; queuedAt: Date; deliveredAt: Date | null; deadline: Date | null };

export type MachineFacts = LifecycleFacts & { warnings: readonly Warning[] };

export type Due =
  | { action: "warn"; kind: WarningKind; cycle: Date; lockAt: Date }
  | { action: "lock"; cycle: Date }
  | { action: "delete"; reason: "INACTIVITY" | "BROADBAND_ENDED" }
  // A warning was queued and has not been delivered: the lock waits for it (R-LC-6).
  | { action: "hold"; kind: WarningKind; since: Date }
  | { action: "none"; nextAt: Date | null };

/** The lock date a warning of `kind` delivered at `at` announces, given the date announced before. */
export function announcedLockAt(kind: WarningKind, floor: Date, at: Date): Date {
  return maxDate(floor, addCalendarDays(at, daysBeforeLock(kind)));
}

/**
 * The current cycle's schedule as it stands at `now`: each warning of the cycle (if queued), when
 * the next one is due, whether one is held up in delivery, and the lock date that will apply if
 * every warning still to come is delivered at once when due.
 */
export function warningSchedule(facts: MachineFacts, now: Date) {
  const cycle = lockDueAt(facts);
  const of = (kind: WarningKind) => facts.warnings.find((w) => w.kind === kind && w.cycle.getTime() === cycle.getTime()) ?? null;
  const early = of("LOCK_WARNING_14");
  const late = of("LOCK_WARNING_7");
  const earlyDueAt = addCalendarDays(cycle, -EARLY_DAYS);
  const held = early && !early.deliveredAt ? early : late && !late.deliveredAt ? late : null;

  if (!early?.deliveredAt) {
    const lockAt = announcedLockAt("LOCK_WARNING_14", cycle, maxDate(now, earlyDueAt));
    return { cycle, early, late, held, earlyDueAt, lateDueAt: addCalendarDays(lockAt, -LATE_DAYS), lockAt };
  }
  const earlyAnnounced = maxDate(cycle, early.deadline ?? cycle);
  const lateDueAt = maxDate(addCalendarDays(earlyAnnounced, -LATE_DAYS), addCalendarDays(early.deliveredAt, EARLY_DAYS - LATE_DAYS));
  const lockAt = late?.deliveredAt
    ? maxDate(maxDate(earlyAnnounced, late.deadline ?? earlyAnnounced), addCalendarDays(late.deliveredAt, LATE_DAYS))
    : announcedLockAt("LOCK_WARNING_7", earlyAnnounced, maxDate(now, lateDueAt));
  return { cycle, early, late, held, earlyDueAt, lateDueAt, lockAt };
}

export function dueAt(facts: MachineFacts, now: Date): Due {
  if (facts.status === "DELETED") return { action: "none", nextAt: null };

  if (facts.status === "LOCKED") {
    const deleteAt = deletionDueAt(facts);
    if (!deleteAt) return { action: "none", nextAt: null };
    if (now >= deleteAt) return { action: "delete", reason: facts.lockReason ?? "INACTIVITY" };
    return { action: "none", nextAt: deleteAt };
  }

  const s = warningSchedule(facts, now);
  if (s.held) return { action: "hold", kind: s.held.kind, since: s.held.queuedAt };
  if (!s.early) {
    if (now >= s.earlyDueAt) return { action: "warn", kind: "LOCK_WARNING_14", cycle: s.cycle, lockAt: s.lockAt };
    return { action: "none", nextAt: s.earlyDueAt };
  }
  if (!s.late) {
    if (now >= s.lateDueAt) return { action: "warn", kind: "LOCK_WARNING_7", cycle: s.cycle, lockAt: s.lockAt };
    return { action: "none", nextAt: s.lateDueAt };
  }
  if (now >= s.lockAt) return { action: "lock", cycle: s.cycle };
  return { action: "none", nextAt: s.lockAt };
}

function maxDate(a: Date, b: Date): Date {
  return a >= b ? a : b;
}
