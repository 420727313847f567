// Calendar arithmetic in Europe/Oslo (the rules speak of months as people in Norway count them).
// Pure: no clock reads.
import { POLICY } from "@/lib/policy";

const DAY_MS = 24 * 60 * 60 * 1000;

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

function localParts(instant: Date): LocalParts {
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    ms: instant.getUTCMilliseconds(),
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
  const p = localParts(instant);
  const monthIndex = p.month - 1 + months;
  const year = p.year + Math.floor(monthIndex / 12);
  const month = (((monthIndex % 12) + 12) % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return fromLocal({ ...p, year, month, day: Math.min(p.day, lastDay) });
}

export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS);
}
