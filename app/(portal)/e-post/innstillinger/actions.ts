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
import { openSession } from "@/lib/auth/sessions";
import { startCleanmailSession } from "@/lib/cleanmail/session";

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

/** The mailbox user, signed in with the mailbox's password (and code), opens its Cleanmail directly. */
export async function openCleanmailAction() {
  const { mailboxId } = await requireMailboxUser();
  const { ip, userAgent } = await requestMeta();
  const now = (await requestClock(db())).now();
  const session = await openSession(db(), "CLEANMAIL", mailboxId, now, { ip, userAgent });
  await db().auditEvent.create({ data: { at: now, actorKind: "MAILBOX", actorId: mailboxId, action: "cleanmail.login.settings", subjectType: "MAILBOX", subjectId: mailboxId, after: { ip } } });
  await startCleanmailSession(session.token);
  redirect("/cleanmail");
}
