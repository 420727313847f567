// The "change your own password" form, as customers and mailbox users both have it: the input
// shape, and the services' error codes in the person's language.
import { z } from "zod";
import type { ActionState } from "@/lib/forms/action-state";
import { formValues } from "@/lib/forms/action-state";
import type { Messages } from "@/lib/i18n/nb";
import { fill } from "@/lib/i18n/format";
import type { OwnPasswordErrorCode, PasswordProblem } from "@/lib/passwords/rules";
import { POLICY } from "@/lib/policy";
import { codeErrorMessage, type CodeErrorCode } from "@/lib/two-factor/code-messages";

const schema = z.object({
  currentPassword: z.string().min(1).max(1024),
  // Present when the account has two-factor login; the service decides whether it is needed.
  code: z.string().max(64).optional(),
  password: z.string().max(1024),
  passwordRepeat: z.string().max(1024),
});

export type OwnPasswordInput = z.infer<typeof schema>;

export function parseOwnPasswordForm(form: FormData, m: Messages): { data: OwnPasswordInput } | { state: ActionState } {
  const parsed = schema.safeParse({ ...formValues(form, ["currentPassword", "password", "passwordRepeat"]), code: form.get("code") ?? undefined });
  if (parsed.success) return { data: parsed.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.code === "too_big" ? m.errors.field.tooLong : m.errors.field.required;
  return { state: { fieldErrors } };
}

export function ownPasswordFailure(m: Messages, code: OwnPasswordErrorCode, wrongCurrent: string): ActionState {
  if (code === "throttled") return { formError: m.account.throttled };
  if (code === "currentPassword.wrong") return { fieldErrors: { currentPassword: wrongCurrent } };
  if (code === "notFound") return { formError: m.form.unexpected };
  if (code.startsWith("code.")) return { fieldErrors: { code: codeErrorMessage(m, code as CodeErrorCode) } };
  const detail = code.slice("password.".length) as PasswordProblem;
  return { fieldErrors: { password: fill(m.errors.password[detail], { min: POLICY.passwords.minLength, max: POLICY.passwords.maxLength }) } };
}
