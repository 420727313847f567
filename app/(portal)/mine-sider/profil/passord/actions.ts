"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db";
import { requestClock } from "@/lib/test-clock";
import { requireCustomer } from "@/lib/auth/guards";
import { requestMeta } from "@/lib/auth/request";
import { changeCustomerPassword } from "@/lib/customers/service";
import { getMessages } from "@/lib/i18n/server";
import { fill } from "@/lib/i18n/format";
import { formValues, type ActionState } from "@/lib/forms/action-state";
import { POLICY } from "@/lib/policy";

const schema = z.object({
  currentPassword: z.string().min(1).max(1024),
  password: z.string().max(1024),
  passwordRepeat: z.string().max(1024),
});

export async function changeOwnPasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const { customerId, sessionId } = await requireCustomer();
  const { ip, requestId } = await requestMeta();
  const m = await getMessages();
  const parsed = schema.safeParse(formValues(form, ["currentPassword", "password", "passwordRepeat"]));
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.code === "too_big" ? m.errors.field.tooLong : m.errors.field.required;
    return { fieldErrors };
  }
  const result = await changeCustomerPassword(
    { db: db(), clock: await requestClock(db()), actor: { kind: "CUSTOMER", customerId }, requestId },
    { ...parsed.data, currentSessionId: sessionId, ip },
  );
  if (!result.ok) {
    const code = result.error.code;
    if (code === "throttled") return { formError: m.account.throttled };
    if (code === "currentPassword.wrong") return { fieldErrors: { currentPassword: m.account.wrongCurrent } };
    if (code === "notFound") return { formError: m.form.unexpected };
    const detail = code.slice("password.".length) as keyof typeof m.errors.password;
    return { fieldErrors: { password: fill(m.errors.password[detail], { min: POLICY.passwords.minLength, max: POLICY.passwords.maxLength }) } };
  }
  redirect(`/mine-sider/profil/passord?endret=${result.value.otherSessionsEnded}`);
}
