// The inactivity lifecycle as pure functions of a mailbox's facts and an instant.
// R-LC-1..3, R-PAY-3. The worker that applies them comes with the lifecycle issue.
import { POLICY } from "@/lib/policy";
import { addCalendarMonths, addCalendarDays } from "@/lib/lifecycle/calendar";

export type LifecycleFacts = {
  status: "ACTIVE" | "LOCKED" | "DELETED";
  lockReason: "INACTIVITY" | "BROADBAND_ENDED" | null;
  cycleStartedAt: Date;
  lastLoginAt: Date | null;
  lockedAt: Date | null;
};

/** R-LC-1: six calendar months after the later of the last login and the start of the cycle. */
export function lockDueAt(facts: Pick<LifecycleFacts, "cycleStartedAt" | "lastLoginAt">): Date {
  const since = facts.lastLoginAt && facts.lastLoginAt > facts.cycleStartedAt ? facts.lastLoginAt : facts.cycleStartedAt;
  return addCalendarMonths(since, POLICY.lifecycle.inactivityMonths);
}

/** R-LC-3 and R-PAY-3: when a locked mailbox is deleted for good. */
export function deletionDueAt(facts: Pick<LifecycleFacts, "lockReason" | "lockedAt">): Date | null {
  if (!facts.lockedAt) return null;
  return facts.lockReason === "BROADBAND_ENDED"
    ? addCalendarMonths(facts.lockedAt, POLICY.lifecycle.broadbandEndedDeletionMonths)
    : addCalendarDays(facts.lockedAt, POLICY.lifecycle.restoreWindowDays);
}

export type RestoreRefusal = "notLocked" | "deleted" | "windowClosed" | "lockedForBroadband" | "broadbandEnded";

/**
 * R-LC-3: a mailbox locked for inactivity can be restored until its 92 days have passed. R-PAY-1:
 * not for free once the customer's broadband has ended (the paid plan is the way back then).
 */
export function restoreRefusal(
  facts: LifecycleFacts,
  now: Date,
  customer: { broadbandEnded: boolean } = { broadbandEnded: false },
): RestoreRefusal | null {
  if (facts.status === "DELETED") return "deleted";
  if (facts.status !== "LOCKED") return "notLocked";
  // Locked because broadband ended: the way back is the paid plan (R-PAY-2), not a restore.
  if (facts.lockReason === "BROADBAND_ENDED") return "lockedForBroadband";
  const due = deletionDueAt(facts);
  if (!due || now >= due) return "windowClosed";
  if (customer.broadbandEnded) return "broadbandEnded";
  return null;
}

/** What the customer is shown: the lock is a fact, "warned" and "past its window" are derived. */
export type MailboxStanding = "active" | "warned" | "locked" | "lockedExpired" | "lockedBroadband" | "deleted";

export function mailboxStanding(facts: LifecycleFacts, now: Date, warnedThisCycle: boolean): MailboxStanding {
  if (facts.status === "DELETED") return "deleted";
  if (facts.status === "LOCKED") {
    if (facts.lockReason === "BROADBAND_ENDED") return "lockedBroadband";
    return restoreRefusal(facts, now) === "windowClosed" ? "lockedExpired" : "locked";
  }
  return warnedThisCycle ? "warned" : "active";
}
