// Cleanmail sessions: a cookie of their own, for /cleanmail only, holding the token of a WebSession
// of kind CLEANMAIL (the table keeps only its hash). It opens one mailbox's quarantine and nothing else: Mine sider, the mailbox
// settings and the admin view read another cookie and other session kinds.
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { endSession, liveSession } from "@/lib/auth/sessions";
import { POLICY } from "@/lib/policy";
import { requestClock } from "@/lib/test-clock";

export const CLEANMAIL_COOKIE = "__Secure-cleanmail-session";

const COOKIE = { httpOnly: true, secure: true, sameSite: "lax", path: "/cleanmail" } as const;

export async function startCleanmailSession(sessionToken: string) {
  (await cookies()).set(CLEANMAIL_COOKIE, sessionToken, { ...COOKIE, maxAge: POLICY.sessions.maxAgeHours * 3600 });
}

export const currentCleanmail = cache(async (): Promise<{ mailboxId: string; sessionId: string } | null> => {
  const token = (await cookies()).get(CLEANMAIL_COOKIE)?.value;
  if (!token) return null;
  const session = await liveSession(db(), "CLEANMAIL", token, (await requestClock(db())).now());
  return session && { mailboxId: session.principalId, sessionId: session.id };
});

/** The Cleanmail session; anyone else goes to Cleanmail's login page. */
export async function requireCleanmail() {
  const session = await currentCleanmail();
  if (!session) redirect("/cleanmail/logg-inn");
  return session;
}

export async function endCleanmailSession() {
  const session = await currentCleanmail();
  if (session) await endSession(db(), session.sessionId, (await requestClock(db())).now());
  // With the attributes it was set with: a __Secure- cookie is only replaced by a Secure one.
  (await cookies()).set(CLEANMAIL_COOKIE, "", { ...COOKIE, maxAge: 0 });
}
