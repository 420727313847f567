// The portal as the end-to-end tests see it: a fresh embedded PostgreSQL (no demo data; tests make
// their own), migrations, a production build and `next start`. Started by Playwright's webServer.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../scripts/db/embedded.ts";
import { createPrismaClient } from "../lib/db.ts";
import { startSmtpSink } from "../lib/mail/sink.ts";
import { applyMigrations, ROOT } from "../scripts/db/migrations.ts";
import { E2E } from "./config.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "msp-e2e-pg-"));
const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: E2E.dbPort, quiet: true });
await db.ensureDatabase(E2E.dbName);
await applyMigrations(db.url(E2E.dbName));

// Mail really crosses SMTP, into a sink the tests read (SinkMessage).
const sink = await startSmtpSink(createPrismaClient(db.url(E2E.dbName)));

const env = {
  ...process.env,
  DATABASE_URL: db.url(E2E.dbName),
  SMTP_URL: sink.url,
  // The test clock (lib/test-clock.ts) exists only in this mode.
  PORTAL_TEST_MODE: "1",
  NEXTAUTH_SECRET: E2E.nextAuthSecret,
  NEXTAUTH_URL: E2E.baseUrl,
  INGEST_TOKEN: E2E.ingestToken,
  PARTNER_TOKEN: E2E.partnerToken,
  METRICS_TOKEN: E2E.metricsToken,
  CAPTURED_MAIL_KEY: E2E.capturedMailKey,
  TOTP_ENCRYPTION_KEY: E2E.totpKey.toString("base64"),
  NEXT_TELEMETRY_DISABLED: "1",
};
const nextBin = path.join(ROOT, "node_modules/next/dist/bin/next");
if (process.env.E2E_SKIP_BUILD !== "1") {
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: ROOT, env, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// Everything the server and the worker log goes to the run's output and to a file, which a test
// reads for secrets (R-SEC-8).
const log = createWriteStream(E2E.logFile);
function logged(child: ChildProcess) {
  for (const [from, to] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    from?.on("data", (chunk: Buffer) => {
      to.write(chunk);
      log.write(chunk);
    });
  }
  return child;
}

// The production server as `npm start` runs it; one worker is enough for the tests.
const server = logged(
  spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/serve.ts")], {
    cwd: ROOT,
    env: {
      ...env,
      PORT: String(E2E.port),
      WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? "1",
      NODE_ENV: "production",
      METRICS_PORT: String(E2E.metricsPort),
    },
    stdio: ["ignore", "pipe", "pipe"],
  }),
);

// The background worker, as `npm start` runs it, on the same test clock.
const worker = logged(
  spawn(process.execPath, ["--max-old-space-size=128", "--import", "tsx", path.join(ROOT, "scripts/worker.ts")], {
    cwd: ROOT,
    env: { ...env, HEALTH_PORT: String(E2E.workerHealthPort) },
    stdio: ["ignore", "pipe", "pipe"],
  }),
);

async function stop() {
  server.kill("SIGTERM");
  worker.kill("SIGTERM");
  await sink.close().catch(() => {});
  await db.stop().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
server.on("exit", () => void stop());
