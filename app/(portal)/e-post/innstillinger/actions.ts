"use server";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { twoFactorConfig } from "@/lib/env";
import { requireMailboxUser } from "@/lib/auth/guards";
import { requestMeta } from "@/lib/auth/request";
import { getMessages } from "@/lib/i18n/server";
import type { ActionState } from "@/lib/forms/action-state";
import { changeOwnMailboxPassword } from "@/lib/mailboxes/self-service";
import { ownPasswordFailure, parseOwnPasswordForm } from "@/lib/passwords/own-password-form";
import { requestClock } from "@/lib/test-clock";

export async function changeOwnMailboxPasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const { mailboxId, sessionId } = await requireMailboxUser();
  const { ip, requestId } = await requestMeta();
  const m = await getMessages();
  const input = parseOwnPasswordForm(form, m);
  if ("state" in input) return input.state;
  const result = await changeOwnMailboxPassword(
    { db: db(), clock: await requestClock(db()), actor: { kind: "MAILBOX", mailboxId }, requestId },
    twoFactorConfig(),
    { ...input.data, currentSessionId: sessionId, ip },
  );
  if (!result.ok) return ownPasswordFailure(m, result.error.code, m.mailboxArea.wrongCurrent);
  redirect(`/e-post/innstillinger?endret=${result.value.otherSessionsEnded}`);
}
