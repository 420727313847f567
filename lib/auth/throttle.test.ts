import { describe, expect, it } from "vitest";
import { throttleVerdict } from "@/lib/auth/throttle";
import { deviceToken, isKnownDevice, rememberDevice } from "@/lib/auth/device";

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

describe("device cookie", () => {
  it("is bound to the account and the secret", () => {
    const token = deviceToken("s".repeat(32), "customer-1");
    expect(isKnownDevice("s".repeat(32), token, "customer-1")).toBe(true);
    expect(isKnownDevice("s".repeat(32), token, "customer-2")).toBe(false);
    expect(isKnownDevice("t".repeat(32), token, "customer-1")).toBe(false);
    expect(isKnownDevice("s".repeat(32), token.slice(0, -2) + "xx", "customer-1")).toBe(false);
  });
  it("remembers several accounts on one browser", () => {
    const secret = "s".repeat(32);
    const both = rememberDevice(secret, rememberDevice(secret, undefined, "a"), "b");
    expect(isKnownDevice(secret, both, "a")).toBe(true);
    expect(isKnownDevice(secret, both, "b")).toBe(true);
  });
});
