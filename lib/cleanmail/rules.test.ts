// Cleanmail's pure rules: the R-SEC-4 password, rule by rule; report-link tokens.
import { describe, expect, it } from "vitest";
import { cleanmailPasswordChecks, cleanmailPasswordProblems } from "@/lib/cleanmail/password-rules";
import { hashLinkToken, isLinkTokenShaped, newLinkToken, redactLinkTokens } from "@/lib/crypto/link-tokens";

describe("the Cleanmail password (R-SEC-4)", () => {
  it("needs 8 characters, a lower-case letter, an upper-case letter and a digit, typed twice", () => {
    expect(cleanmailPasswordProblems("Fjord2026", "Fjord2026")).toEqual([]);
    expect(cleanmailPasswordProblems("Æøå12345x", "Æøå12345x")).toEqual([]);
    expect(cleanmailPasswordProblems("fjord", "fjord")).toEqual(["length", "upper", "digit"]);
    expect(cleanmailPasswordProblems("FJORD2026", "FJORD2026")).toEqual(["lower"]);
    expect(cleanmailPasswordProblems("Fjord2026", "Fjord2027")).toEqual(["mismatch"]);
    expect(cleanmailPasswordChecks("")).toEqual({ length: false, lower: false, upper: false, digit: false });
    expect(cleanmailPasswordProblems(`A1${"a".repeat(200)}`, `A1${"a".repeat(200)}`)).toEqual(["tooLong"]);
  });
});

describe("report-link tokens (R-CM-2)", () => {
  it("are 256 random bits, kept only as a hash", () => {
    const a = newLinkToken();
    expect(isLinkTokenShaped(a.token)).toBe(true);
    expect(a.hash).toBe(hashLinkToken(a.token));
    expect(a.hash).not.toContain(a.token);
    expect(newLinkToken().token).not.toBe(a.token);
    expect(isLinkTokenShaped("../../etc/passwd")).toBe(false);
  });

  it("are hidden in mail text others may read", () => {
    const { token } = newLinkToken();
    expect(redactLinkTokens(`Se oversikten: https://x.no/cleanmail/l/${token} nå`)).toBe(
      "Se oversikten: https://x.no/cleanmail/l/[skjult] nå",
    );
  });
});
