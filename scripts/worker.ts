// `npm run worker`: the background worker (lifecycle sweep every 15 minutes, mail delivery every
// minute). `npm start` starts one beside the portal; more may run on other machines. Needs the
// same environment as the portal (DATABASE_URL, SMTP_URL, …).
import { EventEmitter } from "node:events";
import pg from "pg";
import { POLICY } from "@/lib/policy";
import { Logger, run, type WorkerEvents } from "graphile-worker";
import { assertTestModeIsSafe, requestClock } from "@/lib/test-clock";
import { createPrismaClient } from "@/lib/db";
import { commerceConfig, env, mailConfig } from "@/lib/env";
import { crontab, taskList } from "@/lib/jobs/tasks";
import { smtpTransport } from "@/lib/mail/transport";
import { holdWorkerLiveness, unlockJobsOfDeadWorkers } from "@/lib/jobs/liveness";
import { syncMailContract } from "@/lib/mail-platform/contract";
import { dovecotBackends } from "@/lib/mail-platform/doveadm";
import { startPlatformEventConsumer } from "@/lib/mail-platform/events";
import { createReadiness } from "@/lib/health";
import { healthPort, MIGRATIONS_DIR } from "./health-port.ts";
import { log } from "@/lib/log";
import { gaugesOnScrape } from "@/lib/metrics";

process.env.PORTAL_PROCESS = "worker";
const config = env();
if (!config.SMTP_URL) {
  log().fatal("SMTP_URL må være satt for arbeideren (npm start setter den til den lokale SMTP-mottakeren).");
  process.exit(2);
}
assertTestModeIsSafe(config.DATABASE_URL);
const db = createPrismaClient(config.DATABASE_URL);
// The mail servers read the quota, the domain and the locked mailboxes' reason from the contract.
await syncMailContract(db, { domain: config.MAIL_DOMAIN, mailboxesUrl: mailConfig().mailboxesUrl });
const transport = smtpTransport(config.SMTP_URL);
const events: WorkerEvents = new EventEmitter();
const liveness = await holdWorkerLiveness(config.DATABASE_URL, events);
// The job queue's own pool, with the same connect timeout as every other (issue 14): while the
// database is away its connections fail fast and graphile-worker tries again with growing waits.
const pgPool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 4, connectionTimeoutMillis: POLICY.database.connectTimeoutMs });
// graphile-worker's own lines (jobs started, completed, failed) through the same logger.
const graphileLogger = new Logger((scope) => (level, message, meta) => {
  // A job's id and task, never its payload (addresses, ids of people's data).
  const { job, ...rest } = (meta ?? {}) as { job?: { id?: string; task_identifier?: string } };
  const fields = { component: "jobs", ...rest, task: scope.taskIdentifier ?? job?.task_identifier, job: scope.jobId ?? job?.id };
  if (level === "error") log().error(fields, message);
  else if (level === "warning") log().warn(fields, message);
  else if (level === "info") log().info(fields, message);
  else log().debug(fields, message);
});
const lost = (error: Error) => log().error({ err: error }, "worker lost a database connection");
pgPool.on("error", lost);
pgPool.on("connect", (client) => client.on("error", lost));
const runner = await run({
  events,
  pgPool,
  logger: graphileLogger,
  concurrency: 2,
  pollInterval: 2000,
  crontab,
  taskList: taskList({
    db,
    clock: () => requestClock(db),
    transport,
    mail: mailConfig(),
    commerce: commerceConfig(),
  }),
});
await liveness.ready();
// R-PLAT-3: the mail servers act on what the portal changed, within seconds (not a cron job).
const backends = dovecotBackends(config.DOVECOT_BACKENDS, config.DOVEADM_API_KEY);
const platformEvents = backends.length
  ? startPlatformEventConsumer(db, backends, `worker-${process.pid}`, (line) => log().info({ component: "mail-platform" }, line))
  : null;
// Jobs that a killed worker held are given back now, and one sweep and one round of deadlines
// run right away, so a worker that was down catches up now rather than at the next quarter.
await unlockJobsOfDeadWorkers(db);
await runner.addJob("lifecycle_sweep", {}, { jobKey: "lifecycle_sweep_at_start" });
await runner.addJob("paid_plan_deadlines", {}, { jobKey: "paid_plan_deadlines_at_start" });
// HEALTH_PORT: /healthz and /readyz for a supervisor (issue 19). graphile-worker stops on SIGTERM
// by itself, giving its jobs back; from that moment the worker is not ready.
const readiness = createReadiness({ databaseUrl: config.DATABASE_URL, migrationsDir: MIGRATIONS_DIR });
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => readiness.shutDown());
// The queues, measured when scraped: jobs waiting and the oldest's age, e-mail not yet sent.
gaugesOnScrape(
  {
    jobs: { name: "portal_jobs_waiting", help: "Jobs due and not yet taken" },
    oldest: { name: "portal_jobs_oldest_seconds", help: "Age of the oldest job due and not yet taken" },
    outbox: { name: "portal_outbox_waiting", help: "E-mail queued and not yet delivered" },
  },
  async () => {
    const [row] = await db.$queryRaw<{ jobs: number; oldest: number; outbox: number }[]>`
      SELECT (SELECT count(*)::int FROM graphile_worker.jobs WHERE run_at <= now() AND locked_at IS NULL) AS jobs,
             (SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(run_at)), 0)::float8 FROM graphile_worker.jobs
               WHERE run_at <= now() AND locked_at IS NULL) AS oldest,
             (SELECT count(*)::int FROM "OutgoingMail" WHERE status = 'PENDING') AS outbox`;
    return row!;
  },
);
const health = await healthPort(readiness);
log().info("✓ Arbeideren kjører (livssyklus og frister hvert kvarter, e-post hvert minutt, fakturaer og karanterapporter hver morgen)");
await runner.promise;
health?.close();
await readiness.close();
await platformEvents?.stop();
await liveness.close();
await pgPool.end();
transport.close();
await db.$disconnect();
