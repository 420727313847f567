// Secrets at rest and recovery codes.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { open, parseKey, seal } from "@/lib/crypto/secret-box";
import {
  RECOVERY_CODE_COUNT,
  hashRecoveryCodes,
  matchRecoveryCode,
  newRecoveryCodes,
  normaliseRecoveryCode,
} from "@/lib/two-factor/recovery-codes";

describe("secret box (AES-256-GCM)", () => {
  const key = parseKey(randomBytes(32).toString("base64"));

  it("round-trips, and the stored form is not the secret", () => {
    const sealed = seal(key, "JBSWY3DPEHPK3PXP", "mailbox-1");
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(sealed.startsWith("v1:")).toBe(true);
    expect(open(key, sealed, "mailbox-1")).toBe("JBSWY3DPEHPK3PXP");
    expect(seal(key, "JBSWY3DPEHPK3PXP", "mailbox-1")).not.toBe(sealed); // a fresh IV each time
  });

  it("refuses a wrong key, another row's context, and any tampering", () => {
    const sealed = seal(key, "JBSWY3DPEHPK3PXP", "mailbox-1");
    expect(() => open(parseKey(randomBytes(32).toString("base64")), sealed, "mailbox-1")).toThrow();
    expect(() => open(key, sealed, "mailbox-2")).toThrow();
    const [v, iv, tag, body = ""] = sealed.split(":");
    const flipped = Buffer.from(body, "base64url");
    flipped[0]! ^= 1;
    expect(() => open(key, [v, iv, tag, flipped.toString("base64url")].join(":"), "mailbox-1")).toThrow();
  });

  it("takes only a 32-byte key", () => {
    expect(() => parseKey(randomBytes(16).toString("base64"))).toThrow("32 byte");
  });
});

describe("recovery codes", () => {
  it("are 10 distinct codes without look-alike characters", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[a-hj-km-np-z2-9]{5}-[a-hj-km-np-z2-9]{5}$/);
  });

  it("match their hash once typed in any case, with or without the dash", async () => {
    const codes = newRecoveryCodes(3);
    const hashes = await hashRecoveryCodes(codes);
    expect(hashes[0]).toMatch(/^\$argon2id\$/);
    expect(await matchRecoveryCode(codes[1]!.toUpperCase().replace("-", " "), hashes)).toBe(1);
    // A used code is removed from the list (null): it no longer matches.
    expect(await matchRecoveryCode(codes[1]!, [hashes[0]!, null, hashes[2]!])).toBe(-1);
    expect(await matchRecoveryCode("not-a-code", hashes)).toBe(-1);
    expect(normaliseRecoveryCode("ABCDE FGHJK")).toBe("abcde-fghjk");
    expect(normaliseRecoveryCode("abcde-fghj0")).toBeNull();
  });
});
