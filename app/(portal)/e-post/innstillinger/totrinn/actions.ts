"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db";
import { env, totpKey } from "@/lib/env";
import { requireMailboxUser } from "@/lib/auth/guards";
import { requestMeta } from "@/lib/auth/request";
import { getMessages } from "@/lib/i18n/server";
import { requestClock } from "@/lib/test-clock";
import { confirmEnrolment, disableTwoFactor } from "@/lib/two-factor/mailbox-two-factor";
import type { ActionState } from "@/lib/forms/action-state";
import { formValues } from "@/lib/forms/action-state";
import type { Messages } from "@/lib/i18n/nb";

export type EnrolmentState = ActionState & { recoveryCodes?: string[] };

function codeError(m: Messages, code: string): string {
  const reason = code.replace("code.", "") as keyof Messages["mailboxArea"]["codeErrors"];
  return m.mailboxArea.codeErrors[reason] ?? m.form.unexpected;
}

export async function confirmEnrolmentAction(_prev: EnrolmentState, form: FormData): Promise<EnrolmentState> {
  const { mailboxId } = await requireMailboxUser();
  const { requestId } = await requestMeta();
  const m = await getMessages();
  const { code } = formValues(form, ["code"]);
  if (code.length > 64) return { fieldErrors: { code: m.mailboxArea.codeErrors.malformed } };
  const result = await confirmEnrolment({ db: db(), clock: await requestClock(db()), actor: { kind: "MAILBOX", mailboxId }, requestId }, totpKey(), env().MAIL_BRAND, code);
  if (!result.ok) {
    return result.error.code.startsWith("code.") ? { fieldErrors: { code: codeError(m, result.error.code) } } : { formError: m.form.unexpected };
  }
  return { recoveryCodes: result.value.recoveryCodes };
}

const disableSchema = z.object({ currentPassword: z.string().min(1).max(1024), code: z.string().min(1).max(64) });

export async function disableTwoFactorAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const { mailboxId } = await requireMailboxUser();
  const { requestId } = await requestMeta();
  const m = await getMessages();
  const parsed = disableSchema.safeParse(formValues(form, ["currentPassword", "code"]));
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= m.errors.field.required;
    return { fieldErrors };
  }
  const result = await disableTwoFactor({ db: db(), clock: await requestClock(db()), actor: { kind: "MAILBOX", mailboxId }, requestId }, totpKey(), env().MAIL_BRAND, parsed.data);
  if (!result.ok) {
    const code = result.error.code;
    if (code === "currentPassword.wrong") return { fieldErrors: { currentPassword: m.mailboxArea.wrongCurrent } };
    if (code.startsWith("code.")) return { fieldErrors: { code: codeError(m, code) } };
    return { formError: m.form.unexpected };
  }
  redirect("/e-post/innstillinger");
}
