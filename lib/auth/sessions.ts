// Server-side session records. next-auth's credentials provider issues a JWT; the JWT carries the
// id of one of these rows, and every request checks it, so a session can be ended on the server
// (logout, password change, an agent's action) before the JWT expires (OWASP ASVS 5.0 V7.4).
import type { Db } from "@/lib/db";
import { POLICY } from "@/lib/policy";
import { isUuid } from "@/lib/ids";

type Kind = "CUSTOMER" | "MAILBOX" | "AGENT" | "CLEANMAIL";

export async function openSession(db: Db, kind: Kind, principalId: string, now: Date, meta: { ip?: string; userAgent?: string }) {
  return db.webSession.create({
    data: {
      kind,
      principalId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + POLICY.sessions.maxAgeHours * 3_600_000),
      ip: meta.ip?.slice(0, 64),
      userAgent: meta.userAgent?.slice(0, 300),
    },
  });
}

/** The live session with this id and kind, or null when it was ended, expired or never existed. */
export async function liveSession(db: Db, kind: Kind, sessionId: string, now: Date) {
  if (!isUuid(sessionId)) return null;
  // Raw SQL: this runs on every signed-in request, and one indexed read is all it needs.
  const [session] = await db.$queryRaw<{ id: string; principalId: string }[]>`
    SELECT id, "principalId" FROM "WebSession"
    WHERE id = ${sessionId}::uuid AND kind = ${kind}::"PrincipalKind" AND "revokedAt" IS NULL AND "expiresAt" > ${now}`;
  return session ?? null;
}

export async function endSession(db: Db, sessionId: string, now: Date) {
  await db.webSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}
