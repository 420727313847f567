import { describe, expect, it } from "vitest";
import { bearerMatches } from "@/lib/http/bearer";

describe("bearerMatches", () => {
  const token = "t".repeat(40);
  it("accepts exactly the configured token", () => {
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
  });
  it("refuses anything else", () => {
    for (const header of [null, "", token, `Bearer ${token}x`, `Bearer ${token.slice(1)}`, `Basic ${token}`, `Bearer ${token} extra`]) {
      expect(bearerMatches(header, token), String(header)).toBe(false);
    }
  });
});
