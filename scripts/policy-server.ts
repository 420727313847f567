// `npm run policy-server`: the sending-limits policy server for Postfix (R-SEC-2, R-SEC-3), its own
// process speaking the policy delegation protocol on POLICY_PORT (default 10040). State is in
// PostgreSQL, so several instances agree. Postfix (main.cf):
//   smtpd_recipient_restrictions = ..., check_policy_service inet:127.0.0.1:10040
//   smtpd_end_of_data_restrictions = check_policy_service inet:127.0.0.1:10040
import { startPolicyServer } from "@/lib/sending/server";
import { POLICY } from "@/lib/policy";
import { createPolicyPool } from "@/lib/sending/service";
import { createReadiness } from "@/lib/health";
import { healthPort, MIGRATIONS_DIR } from "./health-port.ts";
import { log } from "@/lib/log";

process.env.PORTAL_PROCESS = "policy";
const url = process.env.DATABASE_URL;
if (!url) {
  log().fatal("DATABASE_URL må være satt.");
  process.exit(2);
}
// Each connection carries one batch of decisions at a time (lib/sending/service.ts).
const connections = Number(process.env.POLICY_DB_CONNECTIONS ?? 2);
const db = createPolicyPool(url, connections);
const port = Number(process.env.POLICY_PORT ?? 10040);
const server = await startPolicyServer(db, { port, host: process.env.POLICY_HOST ?? "127.0.0.1", concurrency: connections });
log().info({ host: process.env.POLICY_HOST ?? "127.0.0.1", port }, "✓ Policy-tjeneren for sendegrenser lytter");
// HEALTH_PORT: /healthz and /readyz (issue 19). SIGTERM: not ready, stop listening, let the
// decisions in flight finish (bounded), then exit.
const readiness = createReadiness({ databaseUrl: url, migrationsDir: MIGRATIONS_DIR });
const health = await healthPort(readiness);
const stop = () => {
  readiness.shutDown();
  setTimeout(() => process.exit(0), POLICY.operations.shutdownGraceMs).unref();
  void server
    .close()
    .then(() => Promise.all([db.end(), readiness.close()]))
    .then(() => {
      health?.close();
      process.exit(0);
    });
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
