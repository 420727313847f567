import { describe, expect, it } from "vitest";
import { throttleVerdict } from "@/lib/auth/throttle";
import { deviceToken, isKnownDevice, rememberDevice } from "@/lib/auth/device";

const now = new Date("2026-11-27T12:00:00Z");
const later = new Date("2026-11-27T12:10:00Z");

describe("throttleVerdict", () => {
  it("allows when nothing is blocked, or blocks have passed", () => {
    expect(throttleVerdict({}, now, false)).toEqual({ allowed: true });
    expect(throttleVerdict({ ip: new Date("2026-11-27T11:00:00Z") }, now, false)).toEqual({ allowed: true });
  });
  it("blocks on the account+IP and IP counters", () => {
    expect(throttleVerdict({ accountAndIp: later }, now, true)).toEqual({ allowed: false, retryAt: later });
    expect(throttleVerdict({ ip: later }, now, true)).toEqual({ allowed: false, retryAt: later });
  });
  it("spares the owner's known browser from the account-wide block, so nobody can lock the owner out", () => {
    expect(throttleVerdict({ account: later }, now, false)).toEqual({ allowed: false, retryAt: later });
    expect(throttleVerdict({ account: later }, now, true)).toEqual({ allowed: true });
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
