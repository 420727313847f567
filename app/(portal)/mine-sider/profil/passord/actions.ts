"use server";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { requireCustomer } from "@/lib/auth/guards";
import { twoFactorConfig } from "@/lib/env";
import { requestMeta } from "@/lib/auth/request";
import { changeOwnPassword } from "@/lib/customers/service";
import { getMessages } from "@/lib/i18n/server";
import type { ActionState } from "@/lib/forms/action-state";
import { ownPasswordFailure, parseOwnPasswordForm } from "@/lib/passwords/own-password-form";
import { requestClock } from "@/lib/test-clock";

export async function changeOwnPasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const { customerId, sessionId } = await requireCustomer();
  const { ip, requestId } = await requestMeta();
  const m = await getMessages();
  const input = parseOwnPasswordForm(form, m);
  if ("state" in input) return input.state;
  const result = await changeOwnPassword(
    { db: db(), clock: await requestClock(db()), actor: { kind: "CUSTOMER", customerId }, requestId },
    twoFactorConfig(),
    { ...input.data, currentSessionId: sessionId, ip },
  );
  if (!result.ok) return ownPasswordFailure(m, result.error.code, m.account.wrongCurrent);
  redirect(`/mine-sider/profil/passord?endret=${result.value.otherSessionsEnded}`);
}
