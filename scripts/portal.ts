// `npm start` (production build) and `npm run dev`: the whole portal from one command.
// With DATABASE_URL unset it starts an embedded PostgreSQL (data kept in .data/ between runs),
// applies migrations, seeds demo data on first run and prints the demo logins.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./db/embedded.ts";
import { applyMigrations, ROOT } from "./db/migrations.ts";
import { printDemoLogins, seedDemo } from "./db/seed.ts";
import { createPrismaClient } from "@/lib/db";
import { startSmtpSink, type SmtpSink } from "@/lib/mail/sink";
import { freshSecret, keptSecrets } from "./secrets.ts";

const mode = process.argv[2] === "dev" ? "dev" : "start";
const capturedMailKey = randomBytes(18).toString("base64url");
const port = Number(process.env.PORT ?? 3000);
const dataDir = path.join(ROOT, ".data");
const nextBin = path.join(ROOT, "node_modules/next/dist/bin/next");

let embedded: EmbeddedDatabase | undefined;
let child: ChildProcess | undefined;
let worker: ChildProcess | undefined;
let sink: SmtpSink | undefined;
let shuttingDown = false;

async function shutdown(code = 0) {
  shuttingDown = true;
  child?.kill("SIGTERM");
  worker?.kill("SIGTERM");
  await sink?.close().catch(() => {});
  await embedded?.stop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());

// A worker that stops is started again (issue 14), after a short wait; one that keeps stopping is
// left stopped with a message, rather than restarted in a tight loop.
const WORKER_RESTARTS = { max: 5, withinMs: 10 * 60_000, waitMs: 2_000 };
const workerStops: number[] = [];

function startWorker(env: NodeJS.ProcessEnv) {
  worker = spawn(process.execPath, ["--max-old-space-size=128", "--import", "tsx", path.join(ROOT, "scripts/worker.ts")], {
    cwd: ROOT,
    env,
    stdio: "inherit",
  });
  worker.on("exit", (code, signal) => {
    if (shuttingDown) return;
    const now = Date.now();
    workerStops.push(now);
    while ((workerStops[0] ?? now) < now - WORKER_RESTARTS.withinMs) workerStops.shift();
    if (workerStops.length > WORKER_RESTARTS.max) {
      console.error(
        `Arbeideren har stoppet ${workerStops.length} ganger på ${WORKER_RESTARTS.withinMs / 60_000} minutter og startes ikke igjen. Se feilene over, og start portalen på nytt.`,
      );
      return;
    }
    console.error(`Arbeideren stoppet (${signal ?? code}); starter den igjen om ${WORKER_RESTARTS.waitMs / 1000} sekunder.`);
    setTimeout(() => startWorker(env), WORKER_RESTARTS.waitMs);
  });
}

type Secrets = { NEXTAUTH_SECRET: string; INGEST_TOKEN: string; PARTNER_TOKEN: string; TOTP_ENCRYPTION_KEY: string };

/** Secrets the embedded default generates once and keeps in .data/ (never used with DATABASE_URL). */
const embeddedSecrets = (): Secrets =>
  keptSecrets({
    NEXTAUTH_SECRET: freshSecret(),
    INGEST_TOKEN: freshSecret(),
    PARTNER_TOKEN: freshSecret(),
    TOTP_ENCRYPTION_KEY: freshSecret(32, "base64"),
  });

async function main() {
  let databaseUrl = process.env.DATABASE_URL;
  let secrets: Partial<Secrets> = {
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET,
    INGEST_TOKEN: process.env.INGEST_TOKEN,
    PARTNER_TOKEN: process.env.PARTNER_TOKEN,
    TOTP_ENCRYPTION_KEY: process.env.TOTP_ENCRYPTION_KEY,
  };
  if (!databaseUrl) {
    console.log("DATABASE_URL er ikke satt: starter innebygd PostgreSQL i .data/pg …");
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port: Number(process.env.EMBEDDED_DB_PORT ?? 25432) });
    await embedded.ensureDatabase("portal");
    databaseUrl = embedded.url("portal");
    const generated = embeddedSecrets();
    secrets = {
      NEXTAUTH_SECRET: secrets.NEXTAUTH_SECRET ?? generated.NEXTAUTH_SECRET,
      INGEST_TOKEN: secrets.INGEST_TOKEN ?? generated.INGEST_TOKEN,
      PARTNER_TOKEN: secrets.PARTNER_TOKEN ?? generated.PARTNER_TOKEN,
      TOTP_ENCRYPTION_KEY: secrets.TOTP_ENCRYPTION_KEY ?? generated.TOTP_ENCRYPTION_KEY,
    };
  } else if (!secrets.NEXTAUTH_SECRET || !secrets.TOTP_ENCRYPTION_KEY) {
    console.error("NEXTAUTH_SECRET og TOTP_ENCRYPTION_KEY må være satt når DATABASE_URL er satt (se README).");
    process.exit(2);
  }

  const applied = await applyMigrations(databaseUrl);
  if (applied.length) console.log(`Migrerte databasen: ${applied.join(", ")}`);

  const seed = embedded ? process.env.SEED_DEMO !== "0" : process.env.SEED_DEMO === "1";
  if (seed) {
    const db = createPrismaClient(databaseUrl);
    if (await seedDemo(db)) console.log("La inn demodata.");
    await db.$disconnect();
  }

  // With SMTP_URL unset, mail goes to a local SMTP sink that keeps it in the database; with the
  // embedded default, developers read it at /utvikler/e-post.
  let smtpUrl = process.env.SMTP_URL;
  if (!smtpUrl) {
    sink = await startSmtpSink(createPrismaClient(databaseUrl), Number(process.env.SMTP_SINK_PORT ?? 2525));
    smtpUrl = sink.url;
    console.log(`SMTP_URL er ikke satt: e-post går til en lokal SMTP-mottaker på ${sink.url}.`);
  }

  const env = {
    ...process.env,
    SMTP_URL: smtpUrl,
    // The demo's mail viewer shows report links: a key per start, printed below, opens it.
    ...(sink && embedded ? { CAPTURED_MAIL_KEY: capturedMailKey } : {}),
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: secrets.NEXTAUTH_SECRET,
    ...(secrets.INGEST_TOKEN ? { INGEST_TOKEN: secrets.INGEST_TOKEN } : {}),
    ...(secrets.PARTNER_TOKEN ? { PARTNER_TOKEN: secrets.PARTNER_TOKEN } : {}),
    TOTP_ENCRYPTION_KEY: secrets.TOTP_ENCRYPTION_KEY,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    // Logs are JSON lines (lib/log.ts); in development, for people.
    ...(mode === "dev" && !process.env.LOG_FORMAT ? { LOG_FORMAT: "pretty" } : {}),
  };

  if (mode === "start" && process.env.SKIP_BUILD !== "1") {
    console.log("Bygger portalen (next build) …");
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: ROOT, env, stdio: "inherit" });
    if (build.status !== 0) return shutdown(build.status ?? 1);
  }

  // Production: our own server (scripts/serve.ts), one worker per core. Development: `next dev`.
  const command = mode === "start" ? ["--import", "tsx", path.join(ROOT, "scripts/serve.ts")] : [nextBin, "dev", "-p", String(port)];
  child = spawn(process.execPath, command, {
    cwd: ROOT,
    env: { ...env, PORT: String(port), ...(mode === "start" ? { NODE_ENV: "production" } : {}) },
    stdio: "inherit",
  });
  child.on("exit", (code) => void shutdown(code ?? 0));
  // The background worker: lifecycle sweep and mail delivery (scripts/worker.ts).
  // A capped heap keeps the worker small (bench/lifecycle.ts measures it); its work is batched.
  startWorker(env);

  const url = `http://localhost:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      const res = await fetch(`${url}/om-tjenesten`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  if (seed) printDemoLogins(url);
  else console.log(`\nMine sider e-post kjører på ${url}\n`);
  if (sink && embedded)
    console.log(`E-post som portalen sender (bare fra denne maskinen): ${url}/utvikler/e-post?nokkel=${capturedMailKey}\n`);
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
});
