// The customer's broadband status from what the partners said (issue 6), pure. Events may arrive
// out of order: the one with the latest effective date that has come counts (a tie goes to the one
// received last). Events dated in the future count from their date.
export type BroadbandFact = { kind: "ENDED" | "ACTIVE"; effectiveAt: Date; receivedAt: Date };

export function broadbandStatusAt(events: readonly BroadbandFact[], now: Date): BroadbandFact | null {
  let current: BroadbandFact | null = null;
  for (const e of events) {
    if (e.effectiveAt > now) continue;
    if (
      !current ||
      e.effectiveAt > current.effectiveAt ||
      (e.effectiveAt.getTime() === current.effectiveAt.getTime() && e.receivedAt >= current.receivedAt)
    )
      current = e;
  }
  return current;
}

/** A date a partner may send: a real calendar date, not before 2000, at most a year ahead. */
export function isPlausibleEffectiveDate(isoDate: string, now: Date): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return false;
  const parsed = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== isoDate) return false;
  return parsed.getUTCFullYear() >= 2000 && parsed.getTime() <= now.getTime() + 366 * 86_400_000;
}
