// `npm run policy-server`: the sending-limits policy server for Postfix (R-SEC-2, R-SEC-3), its own
// process speaking the policy delegation protocol on POLICY_PORT (default 10040). State is in
// PostgreSQL, so several instances agree. Postfix (main.cf):
//   smtpd_recipient_restrictions = ..., check_policy_service inet:127.0.0.1:10040
//   smtpd_end_of_data_restrictions = check_policy_service inet:127.0.0.1:10040
import net from "node:net";
import { createPrismaClient } from "@/lib/db";
import { startPolicyServer } from "@/lib/sending/server";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL må være satt.");
  process.exit(2);
}
const db = createPrismaClient(url);
const port = Number(process.env.POLICY_PORT ?? 10040);
const server: net.Server = await startPolicyServer(db, { port, host: process.env.POLICY_HOST ?? "127.0.0.1" });
console.log(`✓ Policy-tjeneren for sendegrenser lytter på ${process.env.POLICY_HOST ?? "127.0.0.1"}:${port}`);
const stop = () => server.close(() => void db.$disconnect().then(() => process.exit(0)));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
