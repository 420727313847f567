"use server";
import { redirect } from "next/navigation";
import { requireAgent } from "@/lib/auth/guards";
import { requestMeta } from "@/lib/auth/request";
import { changeOwnPassword } from "@/lib/customers/service";
import { db } from "@/lib/db";
import { twoFactorConfig } from "@/lib/env";
import type { ActionState } from "@/lib/forms/action-state";
import { getMessages } from "@/lib/i18n/server";
import { ownPasswordFailure, parseOwnPasswordForm } from "@/lib/passwords/own-password-form";
import { requestClock } from "@/lib/test-clock";

export async function changeAgentPasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const { agentId, role, sessionId } = await requireAgent();
  const { ip, requestId } = await requestMeta();
  const m = await getMessages();
  const input = parseOwnPasswordForm(form, m);
  if ("state" in input) return input.state;
  const result = await changeOwnPassword(
    { db: db(), clock: await requestClock(db()), actor: { kind: "AGENT", agentId, role }, requestId },
    twoFactorConfig(),
    { ...input.data, currentSessionId: sessionId, ip },
  );
  if (!result.ok) return ownPasswordFailure(m, result.error.code, m.account.wrongCurrent);
  redirect(`/admin/konto?endret=${result.value.otherSessionsEnded}`);
}
