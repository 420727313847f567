// R-SEC-5: passwords by OWASP ASVS 5.0 V6.2 and NIST SP 800-63B, not composition rules.
// Pure: the caller hands in the common-password set, so this stays free of I/O.
import { POLICY } from "@/lib/policy";

export type PasswordProblem = "tooShort" | "tooLong" | "common" | "containsIdentity" | "notComposed" | "mismatch" | "sameAsCurrent";

/** What changing one's own password can answer (customers and mailbox users alike). */
export type OwnPasswordErrorCode =
  | "notFound"
  | "throttled"
  | "currentPassword.wrong"
  // With two-factor login on, a current code too (OWASP ASVS 5.0 V6.5).
  | "code.required"
  | "code.malformed"
  | "code.wrong"
  | "code.replayed"
  | `password.${PasswordProblem}`;

export type PasswordContext = {
  /** Address, customer number, name parts: a password may not contain them (R-SEC-5). */
  identity: string[];
  isCommon: (candidate: string) => boolean;
  /**
   * A mailbox's password, typed again in mail programs and checked by Dovecot byte for byte: it
   * must be in the composed form (NFC) every keyboard types, or "å" typed as "a" + ring would be
   * a different password there (R-PLAT-2).
   */
  mailPrograms?: boolean;
};

/** Length counts Unicode code points, as NIST asks; nothing is trimmed, truncated or case-folded. */
export function passwordLength(password: string): number {
  return [...password.normalize("NFC")].length;
}

const SEPARATORS = /[\s@._+-]+/g;

/**
 * Parts of an identity worth refusing inside a password, lower case and without separators: the
 * whole of each value ("per tom" is "pertom", so "per.tom-2026" holds it) and its pieces of 4+
 * characters.
 */
export function identityFragments(values: string[]): string[] {
  const parts = new Set<string>();
  for (const value of values) {
    const lower = value.toLowerCase().trim();
    const whole = lower.replace(SEPARATORS, "");
    if (whole.length >= 4) parts.add(whole);
    for (const piece of lower.split(SEPARATORS)) if (piece.length >= 4) parts.add(piece);
  }
  return [...parts];
}

export function checkNewPassword(password: string, repeated: string, context: PasswordContext): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = passwordLength(password);
  if (length < POLICY.passwords.minLength) problems.push("tooShort");
  if (length > POLICY.passwords.maxLength) problems.push("tooLong");
  if (length >= POLICY.passwords.minLength && context.isCommon(password)) problems.push("common");
  const bare = password.toLowerCase().replace(SEPARATORS, "");
  if (identityFragments(context.identity).some((part) => bare.includes(part))) problems.push("containsIdentity");
  if (context.mailPrograms && password !== password.normalize("NFC")) problems.push("notComposed");
  if (password !== repeated) problems.push("mismatch");
  return problems;
}
