// The two-factor forms as every area has them (mailbox settings, Mine sider, the admin view): the
// input each takes and the words for its refusals. Each area's actions run them through its own
// pipeline (lib/actions/pipeline.ts), which supplies the guard and the actor.
import { z } from "zod";
import type { ActionContext } from "@/lib/actions/pipeline";
import { twoFactorConfig } from "@/lib/env";
import type { ActionState } from "@/lib/forms/action-state";
import { withOutcome } from "@/lib/http/outcome";
import type { Messages } from "@/lib/i18n/nb";
import { codeErrorMessage, type CodeErrorCode } from "@/lib/two-factor/code-messages";
import {
  confirmEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  switchOffMailboxTwoFactorAsOwner,
  type TwoFactorError,
} from "@/lib/two-factor/service";

export type CodesState = ActionState & { recoveryCodes?: string[] };

/** A two-factor service's refusal in words; `wrongPassword` is the area's own wording. */
export const twoFactorMessage = (wrongPassword: (m: Messages) => string) => (m: Messages, code: TwoFactorError) =>
  code === "currentPassword.wrong"
    ? wrongPassword(m)
    : code.startsWith("code.")
      ? codeErrorMessage(m, code as CodeErrorCode)
      : code === "throttled"
        ? m.account.throttled
        : m.form.unexpected;

/** The field each refusal belongs on. */
export const twoFactorField = (code: TwoFactorError) =>
  code === "currentPassword.wrong" ? "currentPassword" : code.startsWith("code.") ? "code" : undefined;

const code = z.string().trim().min(1, { error: "codeRequired" }).max(64, { error: "tooLong" });
const stepUp = z.object({ currentPassword: z.string().min(1).max(1024, { error: "tooLong" }), code });

/** How every two-factor form words and places its refusals. */
const refusals = (wrongPassword: (m: Messages) => string) => ({ message: twoFactorMessage(wrongPassword), fieldOf: twoFactorField });

/** Turning 2FA on: the first code from the app; the recovery codes come back to show once. */
export const confirmEnrolmentForm = <S>(wrongPassword: (m: Messages) => string) => ({
  ...refusals(wrongPassword),
  schema: z.object({ code: z.string().max(64, { error: "malformedCode" }) }),
  run: (ctx: ActionContext<S>, input: { code: string }) => confirmEnrolment(ctx, twoFactorConfig(), input.code),
  done: (value: { recoveryCodes: string[] }): CodesState => ({ recoveryCodes: value.recoveryCodes }),
});

/** New recovery codes: the password and a current code. */
export const regenerateCodesForm = <S>(wrongPassword: (m: Messages) => string) => ({
  ...refusals(wrongPassword),
  schema: stepUp,
  run: (ctx: ActionContext<S>, input: z.output<typeof stepUp>) => regenerateRecoveryCodes(ctx, twoFactorConfig(), { ...input, ip: ctx.ip }),
  done: (value: { recoveryCodes: string[] }): CodesState => ({ recoveryCodes: value.recoveryCodes }),
});

/** Turning 2FA off: the password and a current code; then to `back`. */
export const disableTwoFactorForm = <S>(wrongPassword: (m: Messages) => string, back: string) => ({
  ...refusals(wrongPassword),
  schema: stepUp,
  run: (ctx: ActionContext<S>, input: z.output<typeof stepUp>) => disableTwoFactor(ctx, twoFactorConfig(), { ...input, ip: ctx.ip }),
  done: () => back,
});

// The code only when the customer has two-factor login themselves (the form shows it then).
const ownerSwitchOff = z.object({
  mailboxId: z.uuid(),
  currentPassword: z.string().min(1).max(1024, { error: "tooLong" }),
  code: z.string().trim().max(64, { error: "tooLong" }).optional(),
});

/** Lost phone: the owning customer switches a mailbox's 2FA off with their own password (and code). */
export const ownerSwitchOffForm = <S>(wrongPassword: (m: Messages) => string) => ({
  ...refusals(wrongPassword),
  schema: ownerSwitchOff,
  run: (ctx: ActionContext<S>, input: z.output<typeof ownerSwitchOff>) =>
    switchOffMailboxTwoFactorAsOwner(ctx, twoFactorConfig(), {
      mailboxId: input.mailboxId,
      currentPassword: input.currentPassword,
      code: input.code || undefined,
      ip: ctx.ip,
    }),
  done: (_value: unknown, input: z.output<typeof ownerSwitchOff>) =>
    withOutcome(`/mine-sider/internett/e-postkontoer/${input.mailboxId}`, { ok: "twoFactorOff" }),
});
