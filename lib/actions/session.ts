"use server";
// Language choice and logout, as the site's header offers them on every page (components use them,
// so they live below app/): plain forms, so they work without JavaScript too.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { requestContext } from "@/lib/actions/context";
import { principalActor } from "@/lib/actor";
import { currentAgent, currentCustomer, currentMailboxUser, SESSION_COOKIE } from "@/lib/auth/guards";
import { signOutSession } from "@/lib/auth/sessions";
import { setCustomerLocale } from "@/lib/customers/service";
import { localeOf } from "@/lib/i18n/catalogues";
import { LOCALE_COOKIE } from "@/lib/i18n/catalogues";
import { sameSitePath } from "@/lib/http/redirect";
import { endCleanmailSession } from "@/lib/cleanmail/session";

export async function switchLanguageAction(form: FormData) {
  const lang = localeOf(String(form.get("lang")));
  const back = sameSitePath(form.get("back"));
  (await cookies()).set(LOCALE_COOKIE, lang, { path: "/", sameSite: "lax", secure: true, maxAge: 365 * 24 * 3600 });
  // A signed-in customer's choice also decides the language of the e-mail they and their mailboxes get.
  const customer = await currentCustomer();
  if (customer) await setCustomerLocale(await requestContext({ kind: "CUSTOMER", customerId: customer.customerId }), lang);
  // Only same-site paths: an open redirect would let a link send people elsewhere.
  redirect(back);
}

/** Ends this browser's session on the server (audited), drops the cookie, and goes to `to`. */
async function signOut(
  session: { kind: "CUSTOMER" | "MAILBOX" | "AGENT"; principalId: string; sessionId: string } | null,
  to: string,
): Promise<never> {
  if (session) await signOutSession(await requestContext(principalActor(session.kind, session.principalId)), session.sessionId);
  // With the attributes it was set with: a __Secure- cookie is only replaced by a Secure one, and
  // a plain delete left the (revoked) token in the browser.
  (await cookies()).set(SESSION_COOKIE, "", { path: "/", secure: true, httpOnly: true, sameSite: "lax", maxAge: 0 });
  redirect(to);
}

export async function logoutAction() {
  const customer = await currentCustomer();
  await signOut(customer && { kind: "CUSTOMER", principalId: customer.customerId, sessionId: customer.sessionId }, "/logg-inn?utlogget=1");
}

export async function mailboxLogoutAction() {
  const user = await currentMailboxUser();
  await signOut(user && { kind: "MAILBOX", principalId: user.mailboxId, sessionId: user.sessionId }, "/e-post/logg-inn?utlogget=1");
}

export async function cleanmailLogoutAction() {
  await endCleanmailSession();
  redirect("/cleanmail/logg-inn?utlogget=1");
}

export async function agentLogoutAction() {
  const agent = await currentAgent();
  await signOut(agent && { kind: "AGENT", principalId: agent.agentId, sessionId: agent.sessionId }, "/admin/logg-inn?utlogget=1");
}
