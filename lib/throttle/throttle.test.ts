import { describe, expect, it } from "vitest";
import { throttleVerdict } from "@/lib/throttle/throttle";

const now = new Date("2026-11-27T12:00:00Z");
const later = new Date("2026-11-27T12:10:00Z");

const within = (attempts: number) => ({ attempts, blockedUntil: null });
const beyond = (attempts: number) => ({ attempts, blockedUntil: later });

describe("throttleVerdict", () => {
  it("allows attempts within every limit", () => {
    expect(throttleVerdict({}, now, false)).toEqual({ allowed: true });
    expect(throttleVerdict({ accountAndIp: within(5), ip: within(50), account: within(20) }, now, false)).toEqual({ allowed: true });
  });
  it("refuses an attempt beyond the account+IP or the IP limit, until the block ends", () => {
    expect(throttleVerdict({ accountAndIp: beyond(6) }, now, true)).toEqual({ allowed: false, retryAt: later });
    expect(throttleVerdict({ ip: beyond(51) }, now, true)).toEqual({ allowed: false, retryAt: later });
  });
  it("spares the owner's known browser from the account-wide limit, so nobody can lock the owner out", () => {
    expect(throttleVerdict({ account: beyond(21) }, now, false)).toEqual({ allowed: false, retryAt: later });
    expect(throttleVerdict({ account: beyond(21) }, now, true)).toEqual({ allowed: true });
  });
});
