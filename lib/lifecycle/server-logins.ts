// Logins the mail servers wrote into the contract (mail.logins: Dovecot's last_login for IMAP and
// POP, the policy service for SMTP) applied to the lifecycle in batches (R-PLAT-4, R-LC-4): a busy
// server's logins become one row per address and service, never one request each.
import type { Clock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { recordLoginBatch } from "@/lib/lifecycle/login-service";
import { POLICY } from "@/lib/policy";

/** `credential`: "main" for the mailbox's own password, else the id of the app password used (R-SEC-6). */
type ServerLogin = { username: string; service: string; credential: string; at: bigint };

/**
 * Applies every login not applied yet, a batch at a time, and marks each row with the login it
 * applied; a row the server moved on meanwhile stays due. Safe to run in several workers at once:
 * a login applied twice is known already (LoginEvent's unique key).
 */
export async function applyServerLogins(db: Db, clock: Clock, requestId: string): Promise<{ applied: number; refused: number }> {
  const limit = POLICY.loginEvents.maxBatchEntries;
  let applied = 0;
  let refused = 0;
  // Bounded work per run: the next run (a minute later) takes the rest.
  for (let round = 0; round < 20; round++) {
    const due = await db.$queryRaw<ServerLogin[]>`
      SELECT username, service, credential, at FROM mail.logins WHERE applied_at IS DISTINCT FROM at ORDER BY username, service, credential LIMIT ${limit}`;
    if (due.length === 0) break;
    const result = await recordLoginBatch(
      db,
      clock,
      due.map((l) => ({ address: l.username, protocol: l.service, at: new Date(Number(l.at) * 1000).toISOString() })),
      requestId,
    );
    applied += result.accepted;
    // Addresses deleted or renamed since: nobody's login any more, and marked done like the rest.
    refused += result.errors.length;
    // Each app password's last use, as its list shows it.
    const apps = due.filter((l) => l.credential !== "main");
    if (apps.length)
      await db.$executeRaw`
        UPDATE "AppPassword" a SET "lastUsedAt" = to_timestamp(d.at) AT TIME ZONE 'UTC', "lastProtocol" = upper(d.service)::"LoginProtocol"
        FROM unnest(${apps.map((l) => l.credential)}::text[], ${apps.map((l) => l.service)}::text[], ${apps.map((l) => l.at)}::bigint[]) AS d(credential, service, at)
        WHERE a.id::text = d.credential AND (a."lastUsedAt" IS NULL OR a."lastUsedAt" < to_timestamp(d.at) AT TIME ZONE 'UTC')`;
    await db.$executeRaw`
      UPDATE mail.logins l SET applied_at = d.at
      FROM unnest(${due.map((l) => l.username)}::text[], ${due.map((l) => l.service)}::text[], ${due.map((l) => l.credential)}::text[],
                  ${due.map((l) => l.at)}::bigint[]) AS d(username, service, credential, at)
      WHERE l.username = d.username AND l.service = d.service AND l.credential = d.credential AND l.at = d.at`;
    if (due.length < limit) break;
  }
  return { applied, refused };
}
