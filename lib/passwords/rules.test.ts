import { describe, expect, it } from "vitest";
import { checkNewPassword, passwordLength } from "@/lib/passwords/rules";
import { isCommonPassword } from "@/lib/passwords/common";
import { hashMailboxPassword, hashPassword, verifyPassword } from "@/lib/passwords/hash";
import { POLICY } from "@/lib/policy";

const ctx = { identity: ["kari.nordmann@altibox.no", "Kari Nordmann", "10000001"], isCommon: isCommonPassword };

describe("checkNewPassword (R-SEC-5)", () => {
  it("accepts a long passphrase", () => {
    expect(checkNewPassword("fjell og fjord om våren", "fjell og fjord om våren", ctx)).toEqual([]);
  });
  it("needs at least 8 characters, counted as code points", () => {
    expect(checkNewPassword("kort123", "kort123", ctx)).toContain("tooShort");
    expect(passwordLength("ææææææææ")).toBe(8);
    expect(checkNewPassword("🔒🔒🔒🔒🔒🔒🔒🔒", "🔒🔒🔒🔒🔒🔒🔒🔒", ctx)).toEqual([]);
  });
  it("allows at least 64 characters and refuses past the maximum, never truncating", () => {
    const p64 = "a-b".repeat(22).slice(0, 64) + "Zq";
    expect(checkNewPassword(p64, p64, ctx)).toEqual([]);
    const tooLong = "x".repeat(POLICY.passwords.maxLength + 1);
    expect(checkNewPassword(tooLong, tooLong, ctx)).toContain("tooLong");
  });
  it("refuses the most common passwords, whatever their case", () => {
    for (const p of ["password", "12345678", "Passord1", "qwertyuiop", "iloveyou"]) {
      expect(checkNewPassword(p, p, ctx), p).toContain("common");
    }
  });
  it("refuses passwords containing the address, name or customer number", () => {
    expect(checkNewPassword("kari.nordmann2026!", "kari.nordmann2026!", ctx)).toContain("containsIdentity");
    expect(checkNewPassword("xx-NORDMANN-xx-yy", "xx-NORDMANN-xx-yy", ctx)).toContain("containsIdentity");
    expect(checkNewPassword("min10000001kode", "min10000001kode", ctx)).toContain("containsIdentity");
    // Short names count as a whole, whatever separates them (issue 14, item 13).
    const perTom = { ...ctx, identity: ["Per Tom", "per.tom@example.no"] };
    expect(checkNewPassword("per.tom-2026-long", "per.tom-2026-long", perTom)).toContain("containsIdentity");
    expect(checkNewPassword("PerTom-sommerferie", "PerTom-sommerferie", perTom)).toContain("containsIdentity");
    expect(checkNewPassword("tompouce-er-godt", "tompouce-er-godt", perTom)).not.toContain("containsIdentity");
  });
  it("asks for the same password twice", () => {
    expect(checkNewPassword("fjell og fjord", "fjell og fjorD", ctx)).toEqual(["mismatch"]);
  });
  it("refuses a mailbox password with a letter in decomposed form, which mail programs would send differently (R-PLAT-2)", () => {
    const composed = "blåbær på fjellet";
    const decomposed = composed.normalize("NFD");
    expect(checkNewPassword(decomposed, decomposed, { ...ctx, mailPrograms: true })).toEqual(["notComposed"]);
    expect(checkNewPassword(composed, composed, { ...ctx, mailPrograms: true })).toEqual([]);
    // Web-only passwords are normalised before hashing instead.
    expect(checkNewPassword(decomposed, decomposed, ctx)).toEqual([]);
  });
});

describe("password hashes", () => {
  it("are argon2id with at least m=19 MiB, t=2, p=1, and verify without case folding", async () => {
    const stored = await hashPassword("Fjell og Fjord");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, "Fjell og Fjord")).toBe(true);
    expect(await verifyPassword(stored, "fjell og fjord")).toBe(false);
  });
  it("store mailbox hashes in Dovecot's {ARGON2ID} form", async () => {
    const stored = await hashMailboxPassword("Fjell og Fjord");
    expect(stored).toMatch(/^\{ARGON2ID\}\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, "Fjell og Fjord")).toBe(true);
  });
  it("check a mailbox's password byte for byte, as Dovecot does; other passwords whatever their composition", async () => {
    const mailbox = await hashMailboxPassword("blåbær på fjellet");
    expect(await verifyPassword(mailbox, "blåbær på fjellet")).toBe(true);
    expect(await verifyPassword(mailbox, "blåbær på fjellet".normalize("NFD"))).toBe(false);
    const web = await hashPassword("blåbær på fjellet".normalize("NFD"));
    expect(await verifyPassword(web, "blåbær på fjellet")).toBe(true);
  });
  it("never verify against a missing hash", async () => {
    expect(await verifyPassword(null, "")).toBe(false);
  });
});
