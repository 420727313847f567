// Server-side session records. A login makes a random token that only the browser holds (in the
// JWT next-auth issues, or in Cleanmail's own cookie); the row keeps its SHA-256, so neither the
// table nor the row's id (which audit events may name) opens anything (R-SEC-8). Every request
// checks the row, so a session can be ended on the server (logout, password change, an agent's
// action) before it expires (OWASP ASVS 5.0 V7.4); it also ends after idling and at 12 hours
// (R-SEC-7, ASVS 7.3.1).
import { createHash, randomBytes } from "node:crypto";
import type { ServiceContext } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { POLICY } from "@/lib/policy";

export type SessionKind = "CUSTOMER" | "MAILBOX" | "AGENT" | "CLEANMAIL";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** 256 random bits, URL-safe. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A new session: its row's id (to name it) and the token (to hand to the browser, once). */
export async function openSession(db: Db, kind: SessionKind, principalId: string, now: Date, meta: { ip?: string; userAgent?: string }) {
  const token = randomBytes(32).toString("base64url");
  const row = await db.webSession.create({
    data: {
      kind,
      principalId,
      tokenHash: hashToken(token),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + POLICY.sessions.maxAgeHours * 3_600_000),
      ip: meta.ip?.slice(0, 64),
      userAgent: meta.userAgent?.slice(0, 300),
    },
    select: { id: true },
  });
  return { id: row.id, token };
}

/**
 * The live session this token opens, of this kind, or null when it was ended, expired, idled out
 * or never existed. Its last use moves forward (at most once a minute), in the same statement.
 */
export async function liveSession(db: Db, kind: SessionKind, token: string, now: Date) {
  if (!TOKEN.test(token)) return null;
  const idleFloor = new Date(now.getTime() - POLICY.sessions.idleMinutes[kind] * 60_000);
  const touchFloor = new Date(now.getTime() - POLICY.sessions.touchSeconds * 1000);
  // Raw SQL: this runs on every signed-in request, and one indexed round trip is all it needs.
  const [session] = await db.$queryRaw<{ id: string; principalId: string }[]>`
    WITH live AS (
      SELECT id, "principalId", "lastSeenAt" FROM "WebSession"
      WHERE "tokenHash" = ${hashToken(token)} AND kind = ${kind}::"PrincipalKind" AND "revokedAt" IS NULL
        AND "expiresAt" > ${now}::timestamp AND "lastSeenAt" > ${idleFloor}::timestamp
    ), touched AS (
      UPDATE "WebSession" w SET "lastSeenAt" = ${now}::timestamp FROM live WHERE w.id = live.id AND live."lastSeenAt" < ${touchFloor}::timestamp
      RETURNING w.id
    )
    SELECT id, "principalId" FROM live`;
  return session ?? null;
}

/** Ends the session this token opens (next-auth's own sign-out route knows only the token). */
export async function endSessionByToken(db: Db, token: string, now: Date) {
  if (!TOKEN.test(token)) return;
  await db.webSession.updateMany({ where: { tokenHash: hashToken(token), revokedAt: null }, data: { revokedAt: now } });
}

/** A logout: the session ends on the server, and the audit says so, in one transaction. */
export async function signOutSession(ctx: ServiceContext, sessionId: string) {
  await ctx.db.$transaction(async (tx) => {
    await tx.webSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: ctx.clock.now() } });
    await recordAudit(tx, ctx, { action: `${ctx.actor.kind.toLowerCase()}.logout`, subjectType: "SESSION", subjectId: sessionId });
  });
}

export async function endSession(db: Db, sessionId: string, now: Date) {
  await db.webSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}
