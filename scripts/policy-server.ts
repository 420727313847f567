// `npm run policy-server`: the sending-limits policy server for Postfix (R-SEC-2, R-SEC-3), its own
// process speaking the policy delegation protocol on POLICY_PORT (default 10040). State is in
// PostgreSQL, so several instances agree. Postfix (main.cf):
//   smtpd_recipient_restrictions = ..., check_policy_service inet:127.0.0.1:10040
//   smtpd_end_of_data_restrictions = check_policy_service inet:127.0.0.1:10040
import pg from "pg";
import { startPolicyServer } from "@/lib/sending/server";
import { POLICY } from "@/lib/policy";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL må være satt.");
  process.exit(2);
}
// Sessions in UTC, like the portal's (lib/db.ts): the function compares timestamps without a zone.
// synchronous_commit off: a decision does not wait for its count to reach the disk. A crash may
// forget the last fraction of a second of counts, which a rate limit can afford; the wait cannot
// be afforded at thousands of decisions a second.
// Each connection carries one batch of decisions at a time (lib/sending/service.ts).
const connections = Number(process.env.POLICY_DB_CONNECTIONS ?? 2);
const db = new pg.Pool({
  connectionString: url,
  max: connections,
  options: "-c TimeZone=UTC -c synchronous_commit=off",
  connectionTimeoutMillis: POLICY.database.connectTimeoutMs,
});
// A connection that PostgreSQL ends while idle (restart, failover) is replaced on the next query;
// without a listener the pool's error would end the process.
db.on("error", (error) => console.error(`Policy-tjeneren mistet en databaseforbindelse: ${error.message}`));
const port = Number(process.env.POLICY_PORT ?? 10040);
const server = await startPolicyServer(db, { port, host: process.env.POLICY_HOST ?? "127.0.0.1", concurrency: connections });
console.log(`✓ Policy-tjeneren for sendegrenser lytter på ${process.env.POLICY_HOST ?? "127.0.0.1"}:${port}`);
const stop = () =>
  void server
    .close()
    .then(() => db.end())
    .then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
