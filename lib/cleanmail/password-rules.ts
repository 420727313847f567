// R-SEC-4: the Cleanmail password. Unlike the other passwords of the portal (R-SEC-5: length, not
// composition), this one has composition rules, because the rule book says so for Cleanmail.
// Pure, and shared by the form (shown rule by rule as the person types) and the server.
import { POLICY } from "@/lib/policy";

export type CleanmailPasswordRule = "length" | "lower" | "upper" | "digit";

export const CLEANMAIL_PASSWORD_RULES: readonly CleanmailPasswordRule[] = ["length", "lower", "upper", "digit"];

/** Each rule, met or not. */
export function cleanmailPasswordChecks(password: string): Record<CleanmailPasswordRule, boolean> {
  return {
    length: [...password].length >= POLICY.cleanmailPassword.minLength,
    lower: /\p{Ll}/u.test(password),
    upper: /\p{Lu}/u.test(password),
    digit: /\p{Nd}/u.test(password),
  };
}

export type CleanmailPasswordProblem = CleanmailPasswordRule | "mismatch" | "tooLong";

/** What is wrong, rule by rule (empty when the password will do). */
export function cleanmailPasswordProblems(password: string, repeated: string): CleanmailPasswordProblem[] {
  const checks = cleanmailPasswordChecks(password);
  const problems: CleanmailPasswordProblem[] = CLEANMAIL_PASSWORD_RULES.filter((r) => !checks[r]);
  if ([...password].length > POLICY.passwords.maxLength) problems.push("tooLong");
  if (password !== repeated) problems.push("mismatch");
  return problems;
}
