// Billing rules (R-PAY-2, R-PAY-5, R-PAY-7), pure. Months and days are Oslo calendar months and
// days. Decision: a paid period is billed from the day it starts up to, not including, the day it
// ends (so a mailbox deleted or made free on the 10th is billed for the 1st–9th); a whole month
// costs exactly the monthly price, and part of a month its share by days, rounded to the øre.
import { osloDate, startOfOsloDay } from "@/lib/lifecycle/calendar";

/** "2026-11": the Oslo month of an instant. */
export const osloMonth = (instant: Date) => osloDate(instant).slice(0, 7);

/** "2026-01" as its year and month numbers. */
function monthParts(month: string): [year: number, month: number] {
  if (!isMonth(month)) throw new RangeError(`not a month: ${month}`);
  return [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
}

/** The month before "2026-01" is "2025-12". */
export function previousMonth(month: string): string {
  const [y, m] = monthParts(month);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** The month after "2026-12" is "2027-01". */
export function nextMonth(month: string): string {
  const [y, m] = monthParts(month);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

export function isMonth(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** A month as the instants it starts and ends (exclusive) in Oslo, and its number of days. */
export function monthBounds(month: string) {
  const [y, m] = monthParts(month);
  return {
    start: startOfOsloDay(`${month}-01`),
    end: startOfOsloDay(`${nextMonth(month)}-01`),
    days: new Date(Date.UTC(y, m, 0)).getUTCDate(),
  };
}

/** Days between two "YYYY-MM-DD" dates. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

export type BilledLine = { fromDate: string; toDate: string; days: number; daysInMonth: number; amountOre: number };

/** What one paid period costs in one month, or null when it does not touch the month. */
export function billForMonth(period: { startsAt: Date; endsAt: Date | null; priceOre: number }, month: string): BilledLine | null {
  const bounds = monthBounds(month);
  const firstDay = `${month}-01`;
  const endOfMonth = osloDate(bounds.end); // the 1st of the next month
  const from = period.startsAt > bounds.start ? osloDate(period.startsAt) : firstDay;
  const until = period.endsAt && period.endsAt < bounds.end ? osloDate(period.endsAt) : endOfMonth; // exclusive
  const days = daysBetween(from, until);
  if (days <= 0) return null;
  return {
    fromDate: from,
    toDate: dayBefore(until),
    days,
    daysInMonth: bounds.days,
    amountOre: Math.round((period.priceOre * days) / bounds.days),
  };
}
