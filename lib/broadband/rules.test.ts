// Broadband status from partner events (issue 6): out of order, ties, future dates, bad dates.
import { describe, expect, it } from "vitest";
import { broadbandStatusAt, isPlausibleEffectiveDate } from "@/lib/broadband/rules";

const at = (iso: string) => new Date(iso);
const NOW = at("2026-12-10T12:00:00Z");

describe("broadbandStatusAt", () => {
  it("follows the latest effective date, whatever the order of arrival", () => {
    const ended = { kind: "ENDED" as const, effectiveAt: at("2026-12-01T00:00:00Z"), receivedAt: at("2026-12-05T00:00:00Z") };
    const activeEarlier = { kind: "ACTIVE" as const, effectiveAt: at("2026-11-01T00:00:00Z"), receivedAt: at("2026-12-06T00:00:00Z") };
    expect(broadbandStatusAt([ended, activeEarlier], NOW)).toBe(ended);
    expect(broadbandStatusAt([activeEarlier, ended], NOW)).toBe(ended);
  });

  it("lets a later-received event win a tie, and ignores events not yet in force", () => {
    const a = { kind: "ENDED" as const, effectiveAt: at("2026-12-01T00:00:00Z"), receivedAt: at("2026-12-02T00:00:00Z") };
    const b = { kind: "ACTIVE" as const, effectiveAt: at("2026-12-01T00:00:00Z"), receivedAt: at("2026-12-03T00:00:00Z") };
    expect(broadbandStatusAt([b, a], NOW)).toBe(b);
    const future = { kind: "ENDED" as const, effectiveAt: at("2026-12-31T23:00:00Z"), receivedAt: at("2026-12-03T00:00:00Z") };
    expect(broadbandStatusAt([b, future], NOW)).toBe(b);
    expect(broadbandStatusAt([future], NOW)).toBeNull();
  });

  it("accepts real dates only", () => {
    expect(isPlausibleEffectiveDate("2026-12-01", NOW)).toBe(true);
    for (const bad of ["2026-02-30", "2026-13-01", "1999-12-31", "2030-01-01", "01.12.2026", "2026-12-1", ""])
      expect(isPlausibleEffectiveDate(bad, NOW), bad).toBe(false);
  });
});
