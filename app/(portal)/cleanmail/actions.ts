"use server";
// Cleanmail's actions. Every one runs the Cleanmail guard first and acts on that session's mailbox
// only; ids from the form are looked up within it (another mailbox's ids change nothing).
import { redirect } from "next/navigation";
import { z } from "zod";
import { requestMeta } from "@/lib/auth/request";
import { db } from "@/lib/db";
import type { ActionState } from "@/lib/forms/action-state";
import { formValues } from "@/lib/forms/action-state";
import { getMessages } from "@/lib/i18n/server";
import { portalTransport } from "@/lib/mail/portal-transport";
import { requestClock } from "@/lib/test-clock";
import { deleteMessages, exchangeLink, loginCleanmail, releaseMessages, removeSenderRule, revokeLinks, setCleanmailPassword, setSenderRule } from "@/lib/cleanmail/service";
import { endCleanmailSession, requireCleanmail, startCleanmailSession } from "@/lib/cleanmail/session";

async function context() {
  const { mailboxId } = await requireCleanmail();
  const { requestId } = await requestMeta();
  return { db: db(), clock: await requestClock(db()), actor: { kind: "MAILBOX" as const, mailboxId }, requestId };
}

const back = (path: string, params: Record<string, string>): never => redirect(`${path}?${new URLSearchParams(params)}`);

/** The link page's button: the token becomes a session, and the browser leaves the token's URL. */
export async function openFromLinkAction(form: FormData) {
  const token = String(form.get("token") ?? "").slice(0, 100);
  const { ip, userAgent } = await requestMeta();
  const result = await exchangeLink(db(), await requestClock(db()), token, { ip, userAgent });
  if (!result.ok) redirect("/cleanmail/logg-inn?lenke=ugyldig");
  await startCleanmailSession(result.value.sessionToken);
  redirect("/cleanmail");
}

export async function cleanmailLoginAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const m = await getMessages();
  const v = formValues(form, ["address", "password"]);
  if (!v.address.trim() || !v.password) return { formError: m.cleanmail.invalid, values: { address: v.address.slice(0, 320) } };
  const { ip, userAgent } = await requestMeta();
  const result = await loginCleanmail(db(), await requestClock(db()), { address: v.address, password: v.password.slice(0, 1024) }, { ip, userAgent });
  if (!result.ok) {
    const message = result.error.code === "throttled" ? m.cleanmail.throttled : result.error.code === "busy" ? m.login.busy : m.cleanmail.invalid;
    return { formError: message, values: { address: v.address.slice(0, 320) } };
  }
  await startCleanmailSession(result.value.sessionToken);
  redirect("/cleanmail");
}

export async function cleanmailLogoutAction() {
  await endCleanmailSession();
  redirect("/cleanmail/logg-inn?utlogget=1");
}

const ids = (form: FormData) => form.getAll("id").filter((v): v is string => typeof v === "string").slice(0, 200);

/** The list's two buttons: release or delete the ticked messages. Works without JavaScript. */
export async function bulkAction(form: FormData) {
  const ctx = await context();
  const selected = ids(form);
  const returnTo = String(form.get("returnTo") ?? "/cleanmail");
  const path = returnTo.startsWith("/cleanmail") && !returnTo.startsWith("//") ? returnTo.split("?")[0] : "/cleanmail";
  if (selected.length === 0) back("/cleanmail", { feil: "ingenValgt" });
  if (form.get("do") === "release") {
    const result = await releaseMessages(ctx, portalTransport(), selected);
    if (!result.ok) back(path, { feil: "levering" });
    back("/cleanmail", { ok: "sluppet", antall: String(result.ok ? result.value.released : 0) });
  }
  const result = await deleteMessages(ctx, selected);
  back("/cleanmail", { ok: "slettet", antall: String(result.ok ? result.value.deleted : 0) });
}

const ruleSchema = z.object({ pattern: z.string().max(320), kind: z.enum(["ALLOW", "BLOCK"]) });

export async function senderRuleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await context();
  const m = await getMessages();
  const parsed = ruleSchema.safeParse(formValues(form, ["pattern", "kind"]));
  if (!parsed.success) return { fieldErrors: { pattern: m.cleanmail.patternInvalid } };
  const result = await setSenderRule(ctx, parsed.data);
  if (!result.ok) return { fieldErrors: { pattern: m.cleanmail.patternInvalid }, values: { pattern: parsed.data.pattern } };
  return back(String(form.get("returnTo") ?? "") === "melding" ? "/cleanmail" : "/cleanmail/avsendere", { ok: "regel", monster: result.value.pattern });
}

export async function removeSenderRuleAction(form: FormData) {
  const ctx = await context();
  const result = await removeSenderRule(ctx, { ruleId: String(form.get("ruleId") ?? "") });
  back("/cleanmail/avsendere", result.ok ? { ok: "fjernet", monster: result.value.pattern } : {});
}

export async function cleanmailPasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await context();
  const m = await getMessages();
  const v = formValues(form, ["password", "passwordRepeat"]);
  const result = await setCleanmailPassword(ctx, { password: v.password.slice(0, 1024), passwordRepeat: v.passwordRepeat.slice(0, 1024) });
  if (!result.ok) {
    const code = result.error.code;
    const message = code.startsWith("password.") ? m.cleanmail.passwordErrors[code.slice(9) as keyof typeof m.cleanmail.passwordErrors] : m.form.unexpected;
    return { fieldErrors: { [code === "password.mismatch" ? "passwordRepeat" : "password"]: message } };
  }
  return { success: m.cleanmail.passwordSet };
}

export async function revokeLinksAction(): Promise<ActionState> {
  const ctx = await context();
  const m = await getMessages();
  const result = await revokeLinks(ctx);
  return result.ok ? { success: m.cleanmail.linksRevoked.replace("{count}", String(result.value.revoked)) } : { formError: m.form.unexpected };
}
