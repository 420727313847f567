// The two-factor forms as every area has them (mailbox settings, Mine sider, the admin view): parse
// the form, call the service as the signed-in actor, and answer in the person's language. Each
// area's server actions run its own guard first and hand the actor here.
import type { Actor } from "@/lib/actor";
import { requestMeta } from "@/lib/auth/request";
import { db } from "@/lib/db";
import { twoFactorConfig } from "@/lib/env";
import type { ActionState } from "@/lib/forms/action-state";
import { formValues } from "@/lib/forms/action-state";
import type { Messages } from "@/lib/i18n/nb";
import { getMessages } from "@/lib/i18n/server";
import { requestClock } from "@/lib/test-clock";
import { confirmEnrolment, disableTwoFactor, regenerateRecoveryCodes, switchOffMailboxTwoFactorAsOwner, type TwoFactorError } from "@/lib/two-factor/service";
import { z } from "zod";
import { codeErrorMessage, type CodeErrorCode } from "@/lib/two-factor/code-messages";

export type CodesState = ActionState & { recoveryCodes?: string[] };

/** A service's refusal as the form shows it: on the field it concerns, in words. */
export function twoFactorFailure(m: Messages, code: TwoFactorError, wrongPassword: string): ActionState {
  if (code === "currentPassword.wrong") return { fieldErrors: { currentPassword: wrongPassword } };
  if (code.startsWith("code.")) return { fieldErrors: { code: codeErrorMessage(m, code as CodeErrorCode) } };
  if (code === "throttled") return { formError: m.account.throttled };
  return { formError: m.form.unexpected };
}

async function contextFor(actor: Actor) {
  const { ip, requestId } = await requestMeta();
  return { ctx: { db: db(), clock: await requestClock(db()), actor, requestId }, ip, m: await getMessages() };
}

const stepUpSchema = z.object({ currentPassword: z.string().min(1).max(1024), code: z.string().trim().min(1).max(64) });

/** Password and code, both required; missing ones are named before the service is asked. */
function parseStepUp(form: FormData, m: Messages): { data: z.infer<typeof stepUpSchema> } | { state: ActionState } {
  const parsed = stepUpSchema.safeParse(formValues(form, ["currentPassword", "code"]));
  if (parsed.success) return { data: parsed.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0]);
    fieldErrors[field] ??= issue.code === "too_big" ? m.errors.field.tooLong : field === "code" ? m.twoFactor.codeRequired : m.errors.field.required;
  }
  return { state: { fieldErrors } };
}

export async function confirmEnrolmentFrom(actor: Actor, form: FormData): Promise<CodesState> {
  const { ctx, m } = await contextFor(actor);
  const { code } = formValues(form, ["code"]);
  if (code.length > 64) return { fieldErrors: { code: m.twoFactor.codeErrors.malformed } };
  const result = await confirmEnrolment(ctx, twoFactorConfig(), code);
  if (!result.ok) return twoFactorFailure(m, result.error.code, m.mailboxArea.wrongCurrent);
  return { recoveryCodes: result.value.recoveryCodes };
}

export async function regenerateCodesFrom(actor: Actor, form: FormData): Promise<CodesState> {
  const { ctx, ip, m } = await contextFor(actor);
  const input = parseStepUp(form, m);
  if ("state" in input) return input.state;
  const result = await regenerateRecoveryCodes(ctx, twoFactorConfig(), { ...input.data, ip });
  if (!result.ok) return twoFactorFailure(m, result.error.code, m.mailboxArea.wrongCurrent);
  return { recoveryCodes: result.value.recoveryCodes };
}

/** Null when 2FA is off: the caller redirects. */
export async function disableTwoFactorFrom(actor: Actor, form: FormData): Promise<ActionState | null> {
  const { ctx, ip, m } = await contextFor(actor);
  const input = parseStepUp(form, m);
  if ("state" in input) return input.state;
  const result = await disableTwoFactor(ctx, twoFactorConfig(), { ...input.data, ip });
  return result.ok ? null : twoFactorFailure(m, result.error.code, m.mailboxArea.wrongCurrent);
}

const ownerSwitchOffSchema = z.object({ mailboxId: z.string().uuid(), currentPassword: z.string().min(1).max(1024), code: z.string().trim().max(64) });

/** Lost phone: the owning customer switches a mailbox's 2FA off. Null when done. */
export async function ownerSwitchOffFrom(actor: Actor, form: FormData): Promise<ActionState | null> {
  const { ctx, ip, m } = await contextFor(actor);
  const parsed = ownerSwitchOffSchema.safeParse(formValues(form, ["mailboxId", "currentPassword", "code"]));
  if (!parsed.success) {
    const missingPassword = parsed.error.issues.some((i) => i.path[0] === "currentPassword");
    return missingPassword ? { fieldErrors: { currentPassword: m.errors.field.required } } : { formError: m.form.unexpected };
  }
  const { code, ...rest } = parsed.data;
  const result = await switchOffMailboxTwoFactorAsOwner(ctx, twoFactorConfig(), { ...rest, code: code || undefined, ip });
  return result.ok ? null : twoFactorFailure(m, result.error.code, m.account.wrongCurrent);
}
