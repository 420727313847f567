// The data-access guards. Called in EVERY page, server action and route handler that needs a
// signed-in person (never only in a layout: layouts do not re-run on navigation).
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { requestClock } from "@/lib/test-clock";
import { liveSession } from "@/lib/auth/sessions";
import { twoFactorStatus } from "@/lib/two-factor/service";

export const SESSION_COOKIE = "__Secure-next-auth.session-token";

/** The session cookie's token, decrypted once per request; null without a valid one. */
const sessionToken = cache(async () => {
  const jar = await cookies();
  const raw = jar.get(SESSION_COOKIE)?.value;
  if (!raw) return null;
  // getToken wants a request; it only reads cookies from it.
  return getToken({
    req: { cookies: Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])), headers: {} } as never,
    secret: env().NEXTAUTH_SECRET,
    secureCookie: true,
  });
});

/** The live session of this kind behind the cookie: whose it is, and its id. One read per request. */
const signedIn = cache(async (kind: "CUSTOMER" | "MAILBOX" | "AGENT"): Promise<{ principalId: string; sessionId: string } | null> => {
  const token = await sessionToken();
  if (!token || token.kind !== kind || typeof token.sid !== "string" || !token.sub) return null;
  const session = await liveSession(db(), kind, token.sid, (await requestClock(db())).now());
  if (!session || session.principalId !== token.sub) return null;
  return { principalId: token.sub, sessionId: session.id };
});

/**
 * The kind of live session behind the cookie, checked on the server like any guard (a revoked or
 * idle token shows no signed-in header): for the not-found page, which Next.js renders into every
 * page. The check is the one the page's own guard makes, shared within the request.
 */
export async function liveSessionKind(): Promise<"CUSTOMER" | "MAILBOX" | "AGENT" | null> {
  const kind = (await sessionToken())?.kind;
  if (kind !== "CUSTOMER" && kind !== "MAILBOX" && kind !== "AGENT") return null;
  return (await signedIn(kind)) ? kind : null;
}

/** The header a public page shows its visitor: their live session's kind, if any (issue 18). */
export async function visitorSession(): Promise<"customer" | "mailbox" | "agent" | null> {
  const kind = await liveSessionKind();
  return kind === "CUSTOMER" ? "customer" : kind === "MAILBOX" ? "mailbox" : kind === "AGENT" ? "agent" : null;
}

export type CustomerSession = { customerId: string; sessionId: string };

/** The signed-in customer, or null. Checks the server-side session on every call. */
export async function currentCustomer(): Promise<CustomerSession | null> {
  const session = await signedIn("CUSTOMER");
  return session && { customerId: session.principalId, sessionId: session.sessionId };
}

/** The signed-in customer; anyone else is sent to the login page. */
export async function requireCustomer(): Promise<CustomerSession> {
  const customer = await currentCustomer();
  if (!customer) redirect("/logg-inn");
  return customer;
}

export type MailboxSession = { mailboxId: string; sessionId: string };

/** The signed-in mailbox user, or null. A customer session is not a mailbox session, and back. */
export async function currentMailboxUser(): Promise<MailboxSession | null> {
  const session = await signedIn("MAILBOX");
  return session && { mailboxId: session.principalId, sessionId: session.sessionId };
}

/** The signed-in mailbox user; anyone else is sent to the mailbox login. */
export async function requireMailboxUser(): Promise<MailboxSession> {
  const user = await currentMailboxUser();
  if (!user) redirect("/e-post/logg-inn");
  return user;
}

export type AgentSession = { agentId: string; sessionId: string; name: string; role: "AGENT" | "SUPERVISOR"; twoFactor: boolean };

/** The signed-in agent (whether or not 2FA is on yet), or null. Only an agent session counts. */
export const currentAgent = cache(async (): Promise<AgentSession | null> => {
  const session = await signedIn("AGENT");
  if (!session) return null;
  const agent = await db().agent.findUnique({
    where: { id: session.principalId },
    select: { name: true, role: true, deactivatedAt: true },
  });
  if (!agent || agent.deactivatedAt) return null;
  const { on } = await twoFactorStatus(db(), { kind: "AGENT", id: session.principalId });
  return { agentId: session.principalId, sessionId: session.sessionId, name: agent.name, role: agent.role, twoFactor: on };
});

/**
 * The signed-in agent with two-factor login on. Two-factor is mandatory for agents (issue 4): an
 * agent without it is sent to enrolment before anything else; anyone else to the agent login.
 */
export async function requireAgent(): Promise<AgentSession> {
  const agent = await currentAgent();
  if (!agent) redirect("/admin/logg-inn");
  if (!agent.twoFactor) redirect("/admin/totrinn");
  return agent;
}

/** The signed-in agent, also before enrolment: only the enrolment page itself uses this. */
export async function requireAgentForEnrolment(): Promise<AgentSession> {
  const agent = await currentAgent();
  if (!agent) redirect("/admin/logg-inn");
  return agent;
}

/** A signed-in supervisor (with 2FA); an agent without the role gets "not found", nothing more. */
export async function requireSupervisor(): Promise<AgentSession> {
  const agent = await requireAgent();
  if (agent.role !== "SUPERVISOR") notFound();
  return agent;
}
