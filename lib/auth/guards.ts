// The data-access guards. Called in EVERY page, server action and route handler that needs a
// signed-in person (never only in a layout: layouts do not re-run on navigation).
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { requestClock } from "@/lib/test-clock";
import { liveSession } from "@/lib/auth/sessions";

export const SESSION_COOKIE = "__Secure-next-auth.session-token";

async function sessionToken() {
  const jar = await cookies();
  const raw = jar.get(SESSION_COOKIE)?.value;
  if (!raw) return null;
  // getToken wants a request; it only reads cookies from it.
  return getToken({
    req: { cookies: Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])), headers: {} } as never,
    secret: env().NEXTAUTH_SECRET,
    secureCookie: true,
  });
}

export type CustomerSession = { customerId: string; sessionId: string };

/** The signed-in customer, or null. Checks the server-side session on every call. */
export const currentCustomer = cache(async (): Promise<CustomerSession | null> => {
  const token = await sessionToken();
  if (!token || token.kind !== "CUSTOMER" || typeof token.sid !== "string" || !token.sub) return null;
  const session = await liveSession(db(), "CUSTOMER", token.sid, (await requestClock(db())).now());
  if (!session || session.principalId !== token.sub) return null;
  return { customerId: token.sub, sessionId: session.id };
});

/** The signed-in customer; anyone else is sent to the login page. */
export async function requireCustomer(): Promise<CustomerSession> {
  const customer = await currentCustomer();
  if (!customer) redirect("/logg-inn");
  return customer;
}

export type MailboxSession = { mailboxId: string; sessionId: string };

/** The signed-in mailbox user, or null. A customer session is not a mailbox session, and back. */
export const currentMailboxUser = cache(async (): Promise<MailboxSession | null> => {
  const token = await sessionToken();
  if (!token || token.kind !== "MAILBOX" || typeof token.sid !== "string" || !token.sub) return null;
  const session = await liveSession(db(), "MAILBOX", token.sid, (await requestClock(db())).now());
  if (!session || session.principalId !== token.sub) return null;
  return { mailboxId: token.sub, sessionId: session.id };
});

/** The signed-in mailbox user; anyone else is sent to the mailbox login. */
export async function requireMailboxUser(): Promise<MailboxSession> {
  const user = await currentMailboxUser();
  if (!user) redirect("/e-post/logg-inn");
  return user;
}
