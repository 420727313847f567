// The policy server's decision for one request (R-SEC-2, R-SEC-3): PostgreSQL's policy_decide does
// the counting and blocking in one round trip (see the sending_limits migration); this turns the
// request into its arguments and the verdict into Postfix's action.
import type pg from "pg";
import type { Db } from "@/lib/db";
import type { PolicyRequest } from "@/lib/sending/policy-protocol";
import { policyAction, senderVerdict, volumeVerdict, type Verdict } from "@/lib/sending/rules";
import { POLICY } from "@/lib/policy";

const S = POLICY.sending;

type Row = { verdict: "anonymous" | "notOurs" | "blocked" | "recipients" | "messages" | "ok"; blocked_until: Date | null };

/**
 * The policy server talks to PostgreSQL with the plain driver and a prepared statement: this is
 * its only query, and every decision is one round trip (bench/policy.ts measures it).
 */
export type PolicyPool = Pick<pg.Pool, "query">;

/** Only the stages where the limits apply are counted; others pass (DUNNO) once the sender is known good. */
export async function decidePolicy(pool: PolicyPool, request: PolicyRequest, now: Date): Promise<string> {
  const state = (request.protocol_state ?? "").toUpperCase();
  const { rows } = await pool.query<Row>({
    name: "policy_decide",
    text: "SELECT verdict, blocked_until FROM policy_decide($1, $2, $3, $4::timestamptz AT TIME ZONE 'UTC', $5::interval, $6::interval, $7::int, $8::int)",
    values: [request.sasl_username ?? "", state, request.recipient ?? "", now.toISOString(), `${S.windowMinutes} minutes`, `${S.blockMinutes} minutes`, S.maxDistinctRecipients, S.maxMessages],
  });
  return policyAction(toVerdict(rows[0], now));
}

function toVerdict(row: Row, now: Date): Verdict {
  switch (row.verdict) {
    case "anonymous":
      return senderVerdict({ kind: "anonymous" }, now);
    case "notOurs":
      return senderVerdict({ kind: "notOurs" }, now);
    case "blocked":
      return senderVerdict({ kind: "mailbox", blockedUntil: row.blocked_until }, now);
    // The limit was crossed by this very request: the same answer the pure rule gives.
    case "recipients":
      return volumeVerdict({ messages: 0, distinctRecipients: S.maxDistinctRecipients + 1 }, now);
    case "messages":
      return volumeVerdict({ messages: S.maxMessages + 1, distinctRecipients: 0 }, now);
    default:
      return { action: "allow" };
  }
}

/** Counts older than the window are of no use: the worker removes them. */
export async function forgetOldSending(db: Db, now: Date) {
  const before = new Date(now.getTime() - S.windowMinutes * 60_000);
  const [r, m] = await Promise.all([db.sendRecipient.deleteMany({ where: { at: { lt: before } } }), db.sendMessage.deleteMany({ where: { at: { lt: before } } })]);
  return r.count + m.count;
}
