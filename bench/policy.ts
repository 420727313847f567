// `npm run bench:policy`: the sending-limits policy server (issue 8) as Postfix would use it —
// BENCH_CONNECTIONS (default 50) connections over loopback, each asking one request after another
// for BENCH_SECONDS (default 10), RCPT and END-OF-MESSAGE alternating, from BENCH_SENDERS (default
// 10,000) active mailboxes. The server runs as its own process (scripts/policy-server.ts) against
// embedded PostgreSQL. Target on this machine: ≥ 2,000 decisions/s with p99 ≤ 20 ms.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../scripts/db/embedded.ts";
import { applyMigrations, ROOT } from "../scripts/db/migrations.ts";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SENDERS = Number(process.env.BENCH_SENDERS ?? 10_000);
const PORT = Number(process.env.BENCH_POLICY_PORT ?? 10140);

const dir = mkdtempSync(path.join(os.tmpdir(), "msp-bench-policy-"));
const server = await startEmbeddedPostgres({
  dataDir: path.join(dir, "pg"),
  port: Number(process.env.BENCH_DB_PORT ?? 25470),
  quiet: true,
});
let policy: ReturnType<typeof spawn> | undefined;
try {
  await server.ensureDatabase("policy");
  await applyMigrations(server.url("policy"));
  const sql = new pg.Client({ connectionString: server.url("policy") });
  await sql.connect();
  await sql.query(
    `INSERT INTO "Customer" (id, "customerNumber", name, email, "passwordHash", "updatedAt")
                   SELECT gen_random_uuid(), (30000000 + g)::text, 'Kunde ' || g, 'k' || g || '@example.test', 'x', now() FROM generate_series(1, $1) g`,
    [SENDERS],
  );
  await sql.query(`INSERT INTO "Mailbox" (id, address, "customerId", "displayName", "passwordHash", "updatedAt")
                   SELECT gen_random_uuid(), 'avsender' || ("customerNumber"::int - 30000000) || '@altibox.no', id, 'Avsender', 'x', now() FROM "Customer"`);
  // Active senders have sent in the last hour already: each has up to 30 recipients and 60
  // messages in the window (below the limits, so the run measures decisions, not blocks). The
  // planner then sees the tables as they are in service, not empty. (The m.id term ties the
  // random count to each mailbox; without it PostgreSQL draws one count for all.)
  await sql.query(`INSERT INTO "SendRecipient" ("mailboxId", recipient, at)
                   SELECT m.id, 'tidligere' || g || '@example.com', (now() AT TIME ZONE 'UTC') - random() * interval '59 minutes'
                     FROM "Mailbox" m, LATERAL generate_series(1, (random() * 30)::int + (m.id IS NULL)::int) g`);
  await sql.query(`INSERT INTO "SendMessage" ("mailboxId", at)
                   SELECT m.id, (now() AT TIME ZONE 'UTC') - random() * interval '59 minutes'
                     FROM "Mailbox" m, LATERAL generate_series(1, (random() * 60)::int + (m.id IS NULL)::int) g`);
  await sql.query("VACUUM ANALYZE");
  await sql.end();

  policy = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/policy-server.ts")], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: server.url("policy"), POLICY_PORT: String(PORT) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    policy!.stdout!.on("data", (d: Buffer) => d.toString().includes("lytter") && resolve());
    policy!.once("exit", (code) => reject(new Error(`policy server exited with ${code}`)));
  });

  const latencies: number[] = [];
  let decisions = 0;
  const request = (i: number) => {
    const sender = `avsender${1 + Math.floor(Math.random() * SENDERS)}@altibox.no`;
    const state = i % 2 ? "END-OF-MESSAGE" : "RCPT";
    return `request=smtpd_access_policy\nprotocol_state=${state}\nprotocol_name=ESMTP\nclient_address=192.0.2.${i % 250}\nsasl_method=PLAIN\nsasl_username=${sender}\nsender=${sender}\nrecipient=mottaker${Math.floor(Math.random() * 1e6)}@example.com\nrecipient_count=${state === "RCPT" ? 0 : 1}\n\n`;
  };
  async function connection(until: number) {
    const socket = net.connect(PORT, "127.0.0.1");
    await new Promise((r) => socket.once("connect", r));
    socket.setNoDelay(true);
    socket.setEncoding("utf8");
    let buffer = "";
    let resolveAnswer: (() => void) | null = null;
    socket.on("data", (d: string) => {
      buffer += d;
      if (buffer.includes("\n\n")) {
        buffer = buffer.slice(buffer.indexOf("\n\n") + 2);
        resolveAnswer?.();
      }
    });
    for (let i = 0; performance.now() < until; i++) {
      const start = performance.now();
      await new Promise<void>((r) => {
        resolveAnswer = r;
        socket.write(request(i));
      });
      latencies.push(performance.now() - start);
      decisions++;
    }
    socket.end();
  }
  // Warm up, then measure.
  await Promise.all(Array.from({ length: CONNECTIONS }, () => connection(performance.now() + 2000)));
  latencies.length = 0;
  decisions = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, () => connection(start + SECONDS * 1000)));
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  const rate = decisions / seconds;
  console.log(
    `\nPolicy server, ${CONNECTIONS} connections, ${SENDERS.toLocaleString("en")} senders, ${seconds.toFixed(1)} s, ${os.cpus().length} cores`,
  );
  console.log(
    `  ${decisions.toLocaleString("en")} decisions: ${rate.toFixed(0)} per second; latency p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms`,
  );
  console.log(`  targets: ≥ 2,000 decisions/s: ${rate >= 2000 ? "met" : "NOT met"}; p99 ≤ 20 ms: ${at(0.99) <= 20 ? "met" : "NOT met"}`);
} finally {
  // The policy server ends its connections before PostgreSQL stops.
  if (policy && policy.exitCode === null) await new Promise((r) => policy!.once("exit", r).kill("SIGTERM"));
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
