// The inactivity lifecycle as a pure state machine: given a mailbox's facts and an instant, what
// is due now. R-LC-1..3, R-PAY-3, R-ACC-3. No clock reads, no I/O: the worker applies the answer.
//
// Decisions (issue 3):
// - The warnings of a cycle are keyed by the lock date they announce (the "nominal" lock date:
//   six calendar months in Europe/Oslo after the later of the last login and the cycle start).
//   A login moves that date, so earlier warnings no longer count and the lock is off (R-LC-2).
// - A mailbox is never locked without both warnings. If the worker was down and a warning went
//   out late, what follows moves with it: the 7-day warning comes at least 7 days after the
//   14-day one, and the lock at least 7 days after the 7-day warning.
import { POLICY } from "@/lib/policy";
import { addDays } from "@/lib/lifecycle/calendar";
import { deletionDueAt, lockDueAt, type LifecycleFacts } from "@/lib/lifecycle/rules";

export type WarningKind = "LOCK_WARNING_14" | "LOCK_WARNING_7";

export const WARNING_KINDS: readonly WarningKind[] = ["LOCK_WARNING_14", "LOCK_WARNING_7"];

/** A warning already sent: which one, the lock date it announced, and when it went out. */
export type SentWarning = { kind: WarningKind; cycle: Date; sentAt: Date };

export type MachineFacts = LifecycleFacts & { warnings: readonly SentWarning[] };

export type Due =
  | { action: "warn"; kind: WarningKind; cycle: Date; lockAt: Date }
  | { action: "lock"; cycle: Date }
  | { action: "delete"; reason: "INACTIVITY" | "BROADBAND_ENDED" }
  | { action: "none"; nextAt: Date | null };

const [EARLY_DAYS, LATE_DAYS] = POLICY.lifecycle.warningDaysBeforeLock;

/** The warning schedule of the current cycle, moved by any warning that went out late. */
export function warningSchedule(facts: MachineFacts) {
  const cycle = lockDueAt(facts);
  const sent = (kind: WarningKind) =>
    facts.warnings.find((w) => w.kind === kind && w.cycle.getTime() === cycle.getTime()) ?? null;
  const early = sent("LOCK_WARNING_14");
  const late = sent("LOCK_WARNING_7");
  const earlyDueAt = addDays(cycle, -EARLY_DAYS);
  const gap = EARLY_DAYS - LATE_DAYS;
  const lateDueAt = maxDate(addDays(cycle, -LATE_DAYS), early ? addDays(early.sentAt, gap) : addDays(earlyDueAt, gap));
  const lockAt = maxDate(cycle, late ? addDays(late.sentAt, LATE_DAYS) : addDays(lateDueAt, LATE_DAYS));
  return { cycle, early, late, earlyDueAt, lateDueAt, lockAt };
}

export function dueAt(facts: MachineFacts, now: Date): Due {
  if (facts.status === "DELETED") return { action: "none", nextAt: null };

  if (facts.status === "LOCKED") {
    const deleteAt = deletionDueAt(facts);
    if (!deleteAt) return { action: "none", nextAt: null };
    if (now >= deleteAt) return { action: "delete", reason: facts.lockReason ?? "INACTIVITY" };
    return { action: "none", nextAt: deleteAt };
  }

  const s = warningSchedule(facts);
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
