// The policy server's decisions (R-SEC-2, R-SEC-3, R-PLAT-5): PostgreSQL's mail.policy_decide does
// the counting and blocking for a batch of requests in one round trip (the mail_contract
// migration); this turns requests into its arguments and each verdict into Postfix's action.
import pg from "pg";
import type { Db } from "@/lib/db";
import type { PolicyRequest } from "@/lib/sending/policy-protocol";
import { policyAnswer, type Decision } from "@/lib/sending/rules";
import { POLICY } from "@/lib/policy";
import { log } from "@/lib/log";

const S = POLICY.sending;

type Row = { verdict: Decision; blocked_until: Date | null };

/**
 * The policy server talks to PostgreSQL with the plain driver and a prepared statement: this is
 * its only query (bench/policy.ts measures it).
 */
export type PolicyPool = Pick<pg.Pool, "query">;

/**
 * The policy service's own pool, however it is started (`npm run policy-server`, `npm run
 * mail-platform`, the tests). Sessions in UTC, like the portal's (lib/db.ts): the function compares
 * timestamps without a zone. synchronous_commit off: a decision does not wait for its count to
 * reach the disk; a crash may forget the last fraction of a second of counts, which a rate limit
 * can afford, and the wait cannot be afforded at thousands of decisions a second. A connection
 * PostgreSQL ends while idle (restart, failover) is replaced on the next query; without the
 * listener the pool's error would end the process.
 */
export function createPolicyPool(url: string, connections: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: connections,
    options: "-c TimeZone=UTC -c synchronous_commit=off",
    connectionTimeoutMillis: POLICY.database.connectTimeoutMs,
  });
  pool.on("error", (error) => log().error({ err: error }, "policy service lost a database connection"));
  return pool;
}

/**
 * Decides requests in the order given, as if one after another. Only the stages where the limits
 * apply are counted; others pass (DUNNO) once the sender is known good.
 */
export async function decidePolicies(pool: PolicyPool, requests: PolicyRequest[], now: Date): Promise<string[]> {
  const { rows } = await pool.query<Row>({
    name: "mail_policy_decide",
    text: "SELECT verdict, blocked_until FROM mail.policy_decide($1, $2, $3, $4, $5::timestamptz AT TIME ZONE 'UTC', $6::interval, $7::interval, $8::int, $9::int)",
    values: [
      requests.map((r) => r.sasl_username ?? ""),
      requests.map((r) => (r.protocol_state ?? "").toUpperCase()),
      requests.map((r) => r.recipient ?? ""),
      requests.map((r) => r.sender ?? ""),
      now.toISOString(),
      `${S.windowMinutes} minutes`,
      `${S.blockMinutes} minutes`,
      S.maxDistinctRecipients,
      S.maxMessages,
    ],
  });
  if (rows.length !== requests.length) throw new Error(`mail.policy_decide answered ${rows.length} of ${requests.length} requests`);
  return rows.map((row, i) =>
    policyAnswer(row.verdict, row.blocked_until, { sender: requests[i]?.sender, login: requests[i]?.sasl_username }),
  );
}

/**
 * Batches decisions: a request waits only while `concurrency` batches are already in the
 * database, and then goes with everything else that arrived meanwhile (at most `maxBatch`). At a
 * few requests a second every batch holds one request; at thousands, one transaction serves many.
 */
export function policyDecider(pool: PolicyPool, options: { concurrency: number; maxBatch: number; now: () => Date }) {
  type Waiting = { request: PolicyRequest; resolve: (action: string) => void; reject: (error: unknown) => void };
  const waiting: Waiting[] = [];
  let running = 0;
  let scheduled = false;
  function send() {
    scheduled = false;
    while (running < options.concurrency && waiting.length > 0) {
      const batch = waiting.splice(0, options.maxBatch);
      running++;
      decidePolicies(
        pool,
        batch.map((w) => w.request),
        options.now(),
      )
        // decidePolicies answers every request of the batch, in order (it checks).
        .then(
          (actions) => batch.forEach((w, i) => w.resolve(actions[i]!)),
          (error: unknown) => batch.forEach((w) => w.reject(error)),
        )
        .finally(() => {
          running--;
          send();
        });
    }
  }
  return (request: PolicyRequest) =>
    new Promise<string>((resolve, reject) => {
      waiting.push({ request, resolve, reject });
      // Requests read in the same turn of the event loop (from many connections) go together.
      if (!scheduled) {
        scheduled = true;
        setImmediate(send);
      }
    });
}

/** Counts older than the window are of no use: the worker removes them. */
export async function forgetOldSending(db: Db, now: Date) {
  const before = new Date(now.getTime() - S.windowMinutes * 60_000);
  const [r, m] = await Promise.all([
    db.sendRecipient.deleteMany({ where: { at: { lt: before } } }),
    db.sendMessage.deleteMany({ where: { at: { lt: before } } }),
  ]);
  return r.count + m.count;
}
