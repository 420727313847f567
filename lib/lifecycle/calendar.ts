// Calendar arithmetic in Europe/Oslo (the rules speak of months as people in Norway count them).
// Pure: no clock reads.
import { POLICY } from "@/lib/policy";

type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number };

const formatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: POLICY.lifecycle.timeZone,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Oslo's offset from UTC at an instant, by Intl: the source of truth, but slow. */
function offsetByIntl(instantMs: number): number {
  const parts = Object.fromEntries(formatter.formatToParts(new Date(instantMs)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall - Math.floor(instantMs / 1000) * 1000;
}

// The offset only changes on whole UTC hours, so it is remembered per hour: the lifecycle sweep
// asks for hundreds of thousands of dates, and Intl would be a tenth of its time.
const offsetPerHour = new Map<number, number>();
function osloOffsetMs(instantMs: number): number {
  const hour = Math.floor(instantMs / 3_600_000);
  let offset = offsetPerHour.get(hour);
  if (offset === undefined) {
    offset = offsetByIntl(hour * 3_600_000);
    if (offsetPerHour.size > 100_000) offsetPerHour.clear();
    offsetPerHour.set(hour, offset);
  }
  return offset;
}

function localParts(instant: Date): LocalParts {
  const local = new Date(instant.getTime() + osloOffsetMs(instant.getTime()));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    ms: local.getUTCMilliseconds(),
  };
}

/** The instant at which Oslo's wall clock shows the given local time (the earlier one in the autumn overlap). */
function fromLocal(p: LocalParts): Date {
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms);
  // Oslo is UTC+1 or UTC+2: try both offsets, keep the one whose wall clock matches.
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(asUtc - offsetHours * 60 * 60 * 1000);
    const back = localParts(candidate);
    if (back.day === p.day && back.hour === p.hour && back.minute === p.minute) return candidate;
  }
  // A wall-clock time skipped by the spring change (02:00–03:00): move forward an hour.
  return new Date(asUtc - 1 * 60 * 60 * 1000);
}

/**
 * Adds calendar months in Oslo. A day that does not exist in the target month becomes that month's
 * last day (31 August + 6 months = 28/29 February), and the wall-clock time is kept across DST.
 */
export function addCalendarMonths(instant: Date, months: number): Date {
  if (months === 0) return new Date(instant);
  const p = localParts(instant);
  const monthIndex = p.month - 1 + months;
  const year = p.year + Math.floor(monthIndex / 12);
  const month = (((monthIndex % 12) + 12) % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return fromLocal({ ...p, year, month, day: Math.min(p.day, lastDay) });
}

/**
 * Adds calendar days in Oslo, keeping the wall-clock time (R-LC-6): a day across a DST change is
 * 23 or 25 hours, never a 24-hour block. Whole days only; a wall-clock time the spring change skips
 * moves an hour forward, and one the autumn change repeats is its first occurrence.
 */
export function addCalendarDays(instant: Date, days: number): Date {
  if (!Number.isInteger(days)) throw new RangeError(`addCalendarDays takes whole days, not ${days}`);
  // No days: the same instant, even in the hour the autumn change repeats.
  if (days === 0) return new Date(instant);
  const p = localParts(instant);
  const date = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return fromLocal({ ...p, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

/** "2026-11-27": the Oslo calendar date of an instant. */
export function osloDate(instant: Date): string {
  const p = localParts(instant);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** The start of a calendar day ("2026-11-30") in Oslo: the instant a date typed in a form means. */
export function startOfOsloDay(isoDate: string): Date {
  const [, year, month, day] = (/^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate) ?? []).map(Number);
  if (!year || !month || !day) throw new RangeError(`not a date: ${isoDate}`);
  return fromLocal({ year, month, day, hour: 0, minute: 0, second: 0, ms: 0 });
}
