// The "change your own password" form, as customers, mailbox users and agents have it: the input
// shape, and the services' refusals in the person's language and on their fields.
import { z } from "zod";
import type { Messages } from "@/lib/i18n/nb";
import { fill } from "@/lib/i18n/format";
import type { OwnPasswordErrorCode, PasswordProblem } from "@/lib/passwords/rules";
import { POLICY } from "@/lib/policy";
import { codeErrorMessage, type CodeErrorCode } from "@/lib/two-factor/code-messages";

export const ownPasswordSchema = z.object({
  currentPassword: z.string().min(1).max(1024, { error: "tooLong" }),
  // Present when the account has two-factor login; the service decides whether it is needed.
  code: z.string().max(64, { error: "tooLong" }).optional(),
  password: z.string().max(1024, { error: "tooLong" }),
  passwordRepeat: z.string().max(1024, { error: "tooLong" }),
});

export type OwnPasswordInput = z.infer<typeof ownPasswordSchema>;

/** R-SEC-5: the hint under every new-password field, with the policy's lengths. */
export const newPasswordHint = (m: Messages) =>
  fill(m.account.newPasswordHint, { min: POLICY.passwords.minLength, recommended: POLICY.passwords.recommendedLength });

/** A refusal in words; `wrongCurrent` is the area's own wording. */
export const ownPasswordMessage =
  (wrongCurrent: (m: Messages) => string) =>
  (m: Messages, code: OwnPasswordErrorCode): string => {
    if (code === "throttled") return m.account.throttled;
    if (code === "currentPassword.wrong") return wrongCurrent(m);
    if (code === "notFound") return m.form.unexpected;
    if (code.startsWith("code.")) return codeErrorMessage(m, code as CodeErrorCode);
    const detail = code.slice("password.".length) as PasswordProblem;
    return fill(m.errors.password[detail], { min: POLICY.passwords.minLength, max: POLICY.passwords.maxLength });
  };

export const ownPasswordField = (code: OwnPasswordErrorCode) =>
  code === "currentPassword.wrong"
    ? "currentPassword"
    : code.startsWith("code.")
      ? "code"
      : code.startsWith("password.")
        ? "password"
        : undefined;
