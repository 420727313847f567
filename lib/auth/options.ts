// next-auth configuration. Credentials providers issue JWT sessions; the JWT carries a WebSession
// id that guards check on every request (lib/auth/sessions.ts), so sessions are revocable.
import type { NextAuthOptions } from "next-auth";
import { randomUUID } from "node:crypto";
import CredentialsProvider from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { db } from "@/lib/db";
import { env, twoFactorConfig } from "@/lib/env";
import { requestClock } from "@/lib/test-clock";
import { POLICY } from "@/lib/policy";
import { loginCustomer } from "@/lib/auth/customer-login";
import { loginMailbox } from "@/lib/auth/mailbox-login";
import { loginAgent } from "@/lib/auth/agent-login";
import { clientIpFrom } from "@/lib/auth/request";
import { DEVICE_COOKIE, isKnownDevice, rememberDevice } from "@/lib/auth/device";
import { endSessionByToken } from "@/lib/auth/sessions";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics";

/** Thrown to the login form as `error=THROTTLED:<iso>`; anything else is the generic failure. */
export const THROTTLED = "THROTTLED";
/** Too many password checks at once: the form says to try again in a moment (issue 14). */
export const BUSY = "BUSY";
/** Anything that went wrong inside (the database is away): never its text, which is internal. */
export const UNAVAILABLE = "UNAVAILABLE";
/** The password was right and the account has two-factor login: the form asks for a code. */
export const CODE_REQUIRED = "CODE_REQUIRED";
export const CODE_INVALID = "CODE_INVALID";

/**
 * Customers, mailbox users and agents sign in through the same next-auth, to sessions of different
 * kinds: the guards let a customer session into Mine sider only, a mailbox session into the mailbox
 * settings only, and an agent session into the admin view only (lib/auth/guards.ts).
 */
const logins = { CUSTOMER: loginCustomer, MAILBOX: loginMailbox, AGENT: loginAgent } as const;

async function authorizeWith(kind: keyof typeof logins, credentials: unknown, req: { headers?: unknown } | undefined) {
  const secret = env().NEXTAUTH_SECRET;
  const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
  const jar = await cookies();
  const device = jar.get(DEVICE_COOKIE)?.value;
  const meta = {
    ip: clientIpFrom(headers["x-forwarded-for"]),
    userAgent: headers["user-agent"],
    requestId: headers["x-request-id"]?.slice(0, 64) || randomUUID(),
    isKnownDevice: (key: string) => isKnownDevice(secret, device, key),
    secondFactor: twoFactorConfig,
  };
  let outcome: Awaited<ReturnType<(typeof logins)[typeof kind]>>;
  try {
    outcome = await logins[kind](db(), await requestClock(db()), credentials, meta);
  } catch (error) {
    metrics().logins.inc({ kind: kind.toLowerCase(), outcome: "unavailable" });
    log().error({ err: error, requestId: meta.requestId, kind }, "login failed");
    throw new Error(UNAVAILABLE);
  }
  metrics().logins.inc({ kind: kind.toLowerCase(), outcome: outcome.ok ? "ok" : outcome.reason });
  if (!outcome.ok) {
    if (outcome.reason === "busy") throw new Error(BUSY);
    if (outcome.reason === "throttled") throw new Error(`${THROTTLED}:${outcome.retryAt.toISOString()}`);
    if (outcome.reason === "codeRequired") throw new Error(CODE_REQUIRED);
    if (outcome.reason === "codeInvalid") throw new Error(CODE_INVALID);
    return null;
  }
  jar.set(DEVICE_COOKIE, rememberDevice(secret, device, outcome.accountKey), {
    httpOnly: true,
    secure: true,
    sameSite: "lax",
    path: "/",
    maxAge: 365 * 24 * 3600,
  });
  return { id: outcome.principalId, sid: outcome.sessionToken, kind } as never;
}

export function authOptions(): NextAuthOptions {
  const secret = env().NEXTAUTH_SECRET;
  return {
    secret,
    // Secure, HttpOnly, SameSite=Lax cookies with the __Secure- prefix. Browsers treat
    // http://localhost as a secure context, so the embedded demo works without TLS.
    useSecureCookies: true,
    session: { strategy: "jwt", maxAge: POLICY.sessions.maxAgeHours * 3600 },
    pages: { signIn: "/logg-inn", error: "/logg-inn" },
    providers: [
      CredentialsProvider({
        id: "customer",
        name: "Mine sider",
        credentials: { identifier: { type: "text" }, password: { type: "password" }, code: { type: "text" } },
        authorize: (credentials, req) => authorizeWith("CUSTOMER", credentials, req),
      }),
      CredentialsProvider({
        id: "mailbox",
        name: "E-postkonto",
        credentials: { address: { type: "text" }, password: { type: "password" }, code: { type: "text" } },
        authorize: (credentials, req) => authorizeWith("MAILBOX", credentials, req),
      }),
      CredentialsProvider({
        id: "agent",
        name: "Kundeservice",
        credentials: { email: { type: "text" }, password: { type: "password" }, code: { type: "text" } },
        authorize: (credentials, req) => authorizeWith("AGENT", credentials, req),
      }),
    ],
    events: {
      // next-auth's own sign-out route (POST /api/auth/signout) ends the server-side session too.
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSessionByToken(db(), token.sid, (await requestClock(db())).now());
      },
    },
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as unknown as { id: string; sid: string; kind: string };
          token.sub = u.id;
          token.sid = u.sid;
          token.kind = u.kind;
        }
        return token;
      },
      async session({ session, token }) {
        // The browser learns no more than it needs; guards read the token server-side.
        return { expires: session.expires, user: { kind: token.kind as string } } as never;
      },
    },
  };
}
