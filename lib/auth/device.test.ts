// The device cookie that spares an owner's own browser from the account-wide login block.
import { describe, expect, it } from "vitest";
import { deviceToken, isKnownDevice, rememberDevice } from "@/lib/auth/device";

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
