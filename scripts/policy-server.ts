// `npm run policy-server`: the sending-limits policy server for Postfix (R-SEC-2, R-SEC-3), its own
// process speaking the policy delegation protocol on POLICY_PORT (default 10040). State is in
// PostgreSQL, so several instances agree. Postfix (main.cf):
//   smtpd_recipient_restrictions = ..., check_policy_service inet:127.0.0.1:10040
//   smtpd_end_of_data_restrictions = check_policy_service inet:127.0.0.1:10040
import { startPolicyServer } from "@/lib/sending/server";
import { createPolicyPool } from "@/lib/sending/service";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL må være satt.");
  process.exit(2);
}
// Each connection carries one batch of decisions at a time (lib/sending/service.ts).
const connections = Number(process.env.POLICY_DB_CONNECTIONS ?? 2);
const db = createPolicyPool(url, connections);
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
