"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { requireMailboxUser } from "@/lib/auth/guards";
import { requestMeta } from "@/lib/auth/request";
import { fill } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";
import { formValues, type ActionState } from "@/lib/forms/action-state";
import { changeOwnMailboxPassword } from "@/lib/mailboxes/self-service";
import { POLICY } from "@/lib/policy";
import { requestClock } from "@/lib/test-clock";

const schema = z.object({
  currentPassword: z.string().min(1).max(1024),
  password: z.string().max(1024),
  passwordRepeat: z.string().max(1024),
});

export async function changeOwnMailboxPasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const { mailboxId, sessionId } = await requireMailboxUser();
  const { ip, requestId } = await requestMeta();
  const m = await getMessages();
  const parsed = schema.safeParse(formValues(form, ["currentPassword", "password", "passwordRepeat"]));
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.code === "too_big" ? m.errors.field.tooLong : m.errors.field.required;
    return { fieldErrors };
  }
  const result = await changeOwnMailboxPassword(
    { db: db(), clock: await requestClock(db()), actor: { kind: "MAILBOX", mailboxId }, requestId },
    env().MAIL_BRAND,
    { ...parsed.data, currentSessionId: sessionId, ip },
  );
  if (!result.ok) {
    const code = result.error.code;
    if (code === "throttled") return { formError: m.account.throttled };
    if (code === "currentPassword.wrong") return { fieldErrors: { currentPassword: m.mailboxArea.wrongCurrent } };
    if (code === "notFound") return { formError: m.form.unexpected };
    const detail = code.slice("password.".length) as keyof typeof m.errors.password;
    return { fieldErrors: { password: fill(m.errors.password[detail], { min: POLICY.passwords.minLength, max: POLICY.passwords.maxLength }) } };
  }
  redirect(`/e-post/innstillinger?endret=${result.value.otherSessionsEnded}`);
}
