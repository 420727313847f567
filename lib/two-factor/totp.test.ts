// TOTP codes (R-SEC-1): format, window, replay, and the URI the apps scan.
import { describe, expect, it } from "vitest";
import { generate } from "otplib/functional";
import { checkTotpCode, groupedKey, newTotpSecret, normaliseCode, otpauthUri } from "@/lib/two-factor/totp";

const at = (iso: string) => new Date(iso);
const codeAt = (secret: string, date: Date) => generate({ secret, epoch: Math.floor(date.getTime() / 1000) });

describe("TOTP", () => {
  it("makes 160-bit base32 secrets, different each time", () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(a);
  });

  it("writes an otpauth URI with issuer, account, SHA-1, 6 digits and 30 s", () => {
    const uri = new URL(otpauthUri("Altibox", "kari@altibox.no", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Altibox:kari@altibox.no");
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({ secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", issuer: "Altibox" });
    // SHA-1, 6 digits and 30 s are the Key URI format's defaults: absent, or exactly these.
    expect([null, "SHA1"]).toContain(uri.searchParams.get("algorithm"));
    expect([null, "6"]).toContain(uri.searchParams.get("digits"));
    expect([null, "30"]).toContain(uri.searchParams.get("period"));
    expect(groupedKey("JBSWY3DPEHPK3PXP")).toBe("JBSW Y3DP EHPK 3PXP");
  });

  it("accepts the current code and one step either side, not two", async () => {
    const secret = newTotpSecret();
    const now = at("2026-11-27T12:00:15Z");
    for (const offset of [-30, 0, 30]) {
      const code = await codeAt(secret, new Date(now.getTime() + offset * 1000));
      expect((await checkTotpCode(secret, code, now, null)).ok, `offset ${offset}`).toBe(true);
    }
    for (const offset of [-60, 60]) {
      const code = await codeAt(secret, new Date(now.getTime() + offset * 1000));
      expect(await checkTotpCode(secret, code, now, null)).toEqual({ ok: false, reason: "wrong" });
    }
  });

  it("accepts each time step once (RFC 6238 §5.2)", async () => {
    const secret = newTotpSecret();
    const now = at("2026-11-27T12:00:15Z");
    const code = await codeAt(secret, now);
    const first = await checkTotpCode(secret, code, now, null);
    expect(first.ok).toBe(true);
    const step = first.ok ? first.timeStep : -1;
    expect(await checkTotpCode(secret, code, now, step)).toEqual({ ok: false, reason: "replayed" });
    // An older code than the last accepted one is refused too.
    const older = await codeAt(secret, new Date(now.getTime() - 30_000));
    expect(await checkTotpCode(secret, older, now, step)).toEqual({ ok: false, reason: "replayed" });
    // The next step's code still works.
    const next = await codeAt(secret, new Date(now.getTime() + 30_000));
    expect((await checkTotpCode(secret, next, new Date(now.getTime() + 30_000), step)).ok).toBe(true);
  });

  it("refuses a code made for another secret", async () => {
    const now = at("2026-11-27T12:00:15Z");
    const code = await codeAt(newTotpSecret(), now);
    expect(await checkTotpCode(newTotpSecret(), code, now, null)).toEqual({ ok: false, reason: "wrong" });
  });

  it("calls letters, 5 or 7 digits and stray white space malformed; '123 456' is fine", async () => {
    for (const input of ["", "   ", "12345", "1234567", "12a456", "12 34 56", "123\t456", "１２３４５６"]) {
      expect(normaliseCode(input), JSON.stringify(input)).toBeNull();
      expect(await checkTotpCode(newTotpSecret(), input, new Date(), null)).toEqual({ ok: false, reason: "malformed" });
    }
    expect(normaliseCode(" 123 456 ")).toBe("123456");
    expect(normaliseCode("123456")).toBe("123456");
  });
});
