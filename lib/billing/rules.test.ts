// Billing rules (R-PAY-2, R-PAY-7): Oslo months, pro-rating by days, month boundaries.
import { formatOre } from "@/lib/i18n/format";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { billForMonth, isMonth, monthBounds, previousMonth } from "@/lib/billing/rules";
import { osloDate } from "@/lib/lifecycle/calendar";

const PRICE = 39_00;
const at = (iso: string) => new Date(iso);

describe("billing rules", () => {
  it("knows Oslo months: bounds, lengths, leap years, the month before", () => {
    expect(monthBounds("2026-12")).toEqual({ start: at("2026-11-30T23:00:00Z"), end: at("2026-12-31T23:00:00Z"), days: 31 });
    expect(monthBounds("2028-02").days).toBe(29);
    // Summer time: the month starts at 22:00 UTC.
    expect(monthBounds("2026-07").start).toEqual(at("2026-06-30T22:00:00Z"));
    expect(previousMonth("2027-01")).toBe("2026-12");
    expect(previousMonth("2026-12")).toBe("2026-11");
    expect(osloDate(at("2026-11-30T23:30:00Z"))).toBe("2026-12-01");
    expect(isMonth("2026-13")).toBe(false);
    expect(isMonth("2026-02")).toBe(true);
  });

  it("bills a whole month at exactly the monthly price", () => {
    expect(billForMonth({ startsAt: at("2026-10-15T10:00:00Z"), endsAt: null, priceOre: PRICE }, "2026-12")).toEqual({
      fromDate: "2026-12-01",
      toDate: "2026-12-31",
      days: 31,
      daysInMonth: 31,
      amountOre: 3900,
    });
    expect(billForMonth({ startsAt: at("2026-10-15T10:00:00Z"), endsAt: null, priceOre: PRICE }, "2027-02")?.amountOre).toBe(3900);
  });

  it("pro-rates from the start day, and up to (not including) the end day", () => {
    // Accepted 4 December 14:00 Oslo: 4th–31st, 28 days of 31.
    expect(billForMonth({ startsAt: at("2026-12-04T13:00:00Z"), endsAt: null, priceOre: PRICE }, "2026-12")).toEqual({
      fromDate: "2026-12-04",
      toDate: "2026-12-31",
      days: 28,
      daysInMonth: 31,
      amountOre: Math.round((3900 * 28) / 31),
    });
    // Ended (deleted, or broadband back) on 10 February: 1st–9th.
    expect(
      billForMonth({ startsAt: at("2026-12-04T13:00:00Z"), endsAt: at("2027-02-10T08:00:00Z"), priceOre: PRICE }, "2027-02"),
    ).toMatchObject({ fromDate: "2027-02-01", toDate: "2027-02-09", days: 9, amountOre: Math.round((3900 * 9) / 28) });
    // Started and ended the same day: nothing. Ended before the month, or starts after it: nothing.
    expect(
      billForMonth({ startsAt: at("2026-12-04T08:00:00Z"), endsAt: at("2026-12-04T20:00:00Z"), priceOre: PRICE }, "2026-12"),
    ).toBeNull();
    expect(
      billForMonth({ startsAt: at("2026-10-01T08:00:00Z"), endsAt: at("2026-11-30T23:00:00Z"), priceOre: PRICE }, "2026-12"),
    ).toBeNull();
    expect(billForMonth({ startsAt: at("2027-01-01T08:00:00Z"), endsAt: null, priceOre: PRICE }, "2026-12")).toBeNull();
    // Ending exactly at midnight Oslo on the 1st of the next month is a whole month.
    expect(
      billForMonth({ startsAt: at("2026-10-01T08:00:00Z"), endsAt: at("2026-12-31T23:00:00Z"), priceOre: PRICE }, "2026-12")?.days,
    ).toBe(31);
  });

  it("never bills more than the monthly price in a month, and the parts of a month add up to about the whole", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 * 86_400 }), fc.integer({ min: 0, max: 60 * 86_400 }), (a, b) => {
        const base = at("2026-11-20T00:00:00Z").getTime();
        const s = new Date(base + Math.min(a, b) * 1000);
        const e = new Date(base + Math.max(a, b) * 1000);
        const line = billForMonth({ startsAt: s, endsAt: e, priceOre: PRICE }, "2026-12");
        if (!line) return;
        expect(line.days).toBeGreaterThan(0);
        expect(line.days).toBeLessThanOrEqual(31);
        expect(line.amountOre).toBeLessThanOrEqual(PRICE);
      }),
    );
    const split = at("2026-12-16T12:00:00Z");
    const first = billForMonth({ startsAt: at("2026-11-01T00:00:00Z"), endsAt: split, priceOre: PRICE }, "2026-12")!;
    const second = billForMonth({ startsAt: split, endsAt: null, priceOre: PRICE }, "2026-12")!;
    expect(first.days + second.days).toBe(31);
    expect(Math.abs(first.amountOre + second.amountOre - PRICE)).toBeLessThanOrEqual(1);
  });

  it("writes amounts the Norwegian way", () => {
    // Intl writes no-break spaces, so an amount never wraps across lines.
    const plain = (s: string) => s.replace(/\u00a0/g, " ");
    expect(plain(formatOre(3900, "nb"))).toBe("39,00 kr");
    expect(plain(formatOre(123456, "nb"))).toBe("1 234,56 kr");
    expect(plain(formatOre(3900, "en"))).toBe("NOK 39.00");
  });
});
