// Oslo calendar arithmetic (R-LC-6) against an independent reference: the Temporal API (the
// temporal-polyfill package), over random instants of several years with extra weight on month
// ends and both DST changes. Pure: starts nothing.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { addCalendarDays, addCalendarMonths, startOfOsloDay } from "@/lib/lifecycle/calendar";

const ZONE = "Europe/Oslo";
const zoned = (instant: Date) => Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(ZONE);
const instantOf = (z: Temporal.ZonedDateTime) => new Date(z.epochMilliseconds);

// Oslo's DST changes (last Sunday of March and October, 01:00 UTC) of 2026–2032, and month ends.
const dstChanges = [2026, 2027, 2028, 2029, 2030, 2031, 2032].flatMap((year) =>
  [3, 10].map((month) => {
    const lastDay = new Date(Date.UTC(year, month, 0));
    lastDay.setUTCDate(lastDay.getUTCDate() - lastDay.getUTCDay());
    return Date.UTC(year, month - 1, lastDay.getUTCDate(), 1);
  }),
);
const monthEnds = [2026, 2027, 2028, 2029, 2030].flatMap((year) =>
  Array.from({ length: 12 }, (_, m) => Date.UTC(year, m + 1, 1) - 86_400_000),
);
const HOUR = 3_600_000;

/** Any instant of 2026–2032, or one within two days of a DST change or a month's last day. */
const instant = fc
  .oneof(
    fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2032, 11, 31) }),
    fc.tuple(fc.constantFrom(...dstChanges), fc.integer({ min: -48 * HOUR, max: 48 * HOUR })).map(([t, d]) => t + d),
    fc.tuple(fc.constantFrom(...monthEnds), fc.integer({ min: -24 * HOUR, max: 48 * HOUR })).map(([t, d]) => t + d),
  )
  .map((ms) => new Date(Math.floor(ms / 60_000) * 60_000));

describe("Oslo calendar arithmetic against Temporal", () => {
  it("adds calendar months as Temporal does: wall clock kept, months clamped, gaps moved forward", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -24, max: 24 }), (at, months) => {
        expect(addCalendarMonths(at, months).toISOString()).toBe(instantOf(zoned(at).add({ months })).toISOString());
      }),
      { numRuns: 3000 },
    );
  });

  it("adds calendar days as Temporal does: a day across a DST change is 23 or 25 hours", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -120, max: 120 }), (at, days) => {
        expect(addCalendarDays(at, days).toISOString()).toBe(instantOf(zoned(at).add({ days })).toISOString());
      }),
      { numRuns: 3000 },
    );
  });

  it("warns 14 and 7 calendar days before a lock at the same wall-clock time (R-LC-2, R-LC-6)", () => {
    fc.assert(
      fc.property(instant, (login) => {
        const lock = addCalendarMonths(login, 6);
        const reference = zoned(login).add({ months: 6 });
        for (const days of [14, 7]) {
          // The lock's wall-clock time on the calendar day `days` before it (a time the spring
          // change skips moves forward, as everywhere).
          const expected = reference.toPlainDate().subtract({ days }).toPlainDateTime(reference.toPlainTime()).toZonedDateTime(ZONE);
          expect(addCalendarDays(lock, -days).toISOString()).toBe(instantOf(expected).toISOString());
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses part days: a day is not a number of hours", () => {
    expect(() => addCalendarDays(new Date(), 0.5)).toThrow(RangeError);
  });

  it("knows the cases that broke before (issue 13)", () => {
    // Last login 31 August 2026 10:00 Oslo: the lock on 28 February 2027 10:00, the warnings on
    // 14 and 21 February at 10:00.
    const login = new Date("2026-08-31T08:00:00Z");
    const lock = addCalendarMonths(login, 6);
    expect(lock.toISOString()).toBe("2027-02-28T09:00:00.000Z");
    expect(addCalendarDays(lock, -14).toISOString()).toBe("2027-02-14T09:00:00.000Z");
    expect(addCalendarDays(lock, -7).toISOString()).toBe("2027-02-21T09:00:00.000Z");
    // A lock at 5 April 2027 00:30 (summer time) is warned on 22 March 00:30 (winter time):
    // 14 calendar days, 335 hours.
    const spring = new Date("2027-04-04T22:30:00Z");
    expect(addCalendarDays(spring, -14).toISOString()).toBe("2027-03-21T23:30:00.000Z");
    // A lock at 5 November 2027 23:30 (winter time) is warned on 22 and 29 October 23:30 (summer
    // time until the 31st).
    const autumn = new Date("2027-11-05T22:30:00Z");
    expect(addCalendarDays(autumn, -14).toISOString()).toBe("2027-10-22T21:30:00.000Z");
    expect(addCalendarDays(autumn, -7).toISOString()).toBe("2027-10-29T21:30:00.000Z");
    expect(startOfOsloDay("2027-03-28").toISOString()).toBe("2027-03-27T23:00:00.000Z");
  });
});
