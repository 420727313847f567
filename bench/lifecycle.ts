// `npm run bench:lifecycle`: one full lifecycle sweep over BENCH_MAILBOXES (default 1,000,000)
// mailboxes with last logins spread over the past 8 months, in a worker process of its own; then
// mail delivery to the local SMTP sink for a while; then a hand-written SQL floor that makes the
// same state changes without notices, on an identical copy of the data.
// Targets (issue 3, this 2-core machine): sweep ≤ 60 s excluding delivery, peak worker memory
// ≤ 300 MB, within 3× of the SQL floor.
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ROOT } from "../scripts/db/migrations.ts";
import { benchDatabase } from "./database.ts";
import { createPrismaClient } from "@/lib/db";
import { fixedClock } from "@/lib/clock";
import { deliverDueMail } from "@/lib/mail/delivery";
import { startSmtpSink } from "@/lib/mail/sink";
import { smtpTransport } from "@/lib/mail/transport";
import { POLICY } from "@/lib/policy";

const N = Number(process.env.BENCH_MAILBOXES ?? 1_000_000);
// The worker runs with the Node flags it has in production (`npm run worker`, scripts/portal.ts):
// a capped heap, so the collector keeps it small rather than growing it.
const WORKER_NODE_FLAGS = (process.env.WORKER_NODE_FLAGS ?? "--max-old-space-size=128").split(" ").filter(Boolean);
const DELIVERY_SECONDS = Number(process.env.BENCH_DELIVERY_SECONDS ?? 15);
const NOW = new Date("2026-11-27T12:00:00Z");

const { server, stop } = await benchDatabase({ tag: "lc", port: 25450, database: "seed" });
try {
  const admin = new pg.Client({ connectionString: server.url("seed") });
  await admin.connect();
  console.log(`Loading ${N.toLocaleString("en")} mailboxes …`);
  let t = performance.now();
  const customers = Math.ceil(N / 5);
  await admin.query(`SET TimeZone = 'UTC'`);
  await admin.query(
    `INSERT INTO "Customer" (id, "customerNumber", name, email, "passwordHash", "updatedAt")
     SELECT gen_random_uuid(), (20000000 + g)::text, 'Kunde ' || g, 'kunde' || g || '@example.test', 'x', now()
     FROM generate_series(1, $1) g`,
    [customers],
  );
  // Last logins uniformly over the past 8 months; 3 % locked for inactivity up to 100 days ago.
  await admin.query(
    `WITH c AS (SELECT id, row_number() OVER () AS rn FROM "Customer")
     INSERT INTO "Mailbox" (id, address, "customerId", "displayName", "passwordHash", status, "lockReason", "lockedAt",
                            "createdAt", "cycleStartedAt", "lastLoginAt", "updatedAt")
     SELECT gen_random_uuid(), 'bench' || g || '@altibox.no', c.id, 'Bench ' || g, 'x',
            CASE WHEN g % 33 = 0 THEN 'LOCKED'::"MailboxStatus" ELSE 'ACTIVE'::"MailboxStatus" END,
            CASE WHEN g % 33 = 0 THEN 'INACTIVITY'::"LockReason" END,
            CASE WHEN g % 33 = 0 THEN $2::timestamp - random() * interval '100 days' END,
            $2::timestamp - interval '400 days', $2::timestamp - interval '400 days',
            $2::timestamp - random() * interval '243 days', now()
     FROM generate_series(1, $1) g JOIN c ON c.rn = (g - 1) / 5 + 1`,
    [N, NOW.toISOString().replace("Z", "")],
  );
  await admin.query(`INSERT INTO "Address" (address, "mailboxId", "issuedAt") SELECT address, id, "createdAt" FROM "Mailbox"`);
  await admin.query(`VACUUM ANALYZE`);
  await admin.end();
  console.log(`  loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  for (const copy of ["sweep", "floor"]) await server.ensureDatabase(copy, "seed");

  // The sweep, in a process of its own so its memory is its own.
  console.log("Sweeping …");
  const out = execFileSync(
    process.execPath,
    [...WORKER_NODE_FLAGS, "--import", "tsx", path.join(ROOT, "bench/lifecycle-sweep.ts"), server.url("sweep"), NOW.toISOString()],
    { encoding: "utf8" },
  );
  const { report, seconds, peakRssMb } = JSON.parse(out.trim().split("\n").at(-1)!);

  // Delivery to the local sink, for a while: notices per second.
  const db = createPrismaClient(server.url("sweep"));
  const sink = await startSmtpSink(db);
  const transport = smtpTransport(sink.url);
  let delivered = 0;
  t = performance.now();
  while ((performance.now() - t) / 1000 < DELIVERY_SECONDS) {
    const r = await deliverDueMail(db, transport, fixedClock(NOW), {
      from: "Altibox <ikke-svar@altibox.no>",
      brand: "Altibox",
      mailboxesUrl: "http://localhost:3000/mine-sider/internett/e-postkontoer",
    });
    delivered += r.sent;
    if (r.leased === 0) break;
  }
  const deliverySeconds = (performance.now() - t) / 1000;
  transport.close();
  await sink.close();
  await db.$disconnect();

  // The floor: the same state changes in a few set-based statements, no notices, no mail; ids made
  // the way the sweep makes them (time-ordered UUIDv7).
  const floor = new pg.Client({ connectionString: server.url("floor") });
  await floor.connect();
  await floor.query(`SET TimeZone = 'UTC'`);
  const now = NOW.toISOString().replace("Z", "");
  const months = POLICY.lifecycle.inactivityMonths;
  t = performance.now();
  await floor.query("BEGIN");
  // Oslo calendar arithmetic, as the sweep's candidate query does it (R-LC-6), after the same cheap
  // test in UTC.
  const oslo = (column: string) => `((${column}) AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/Oslo')`;
  const utc = (wallClock: string) => `((${wallClock}) AT TIME ZONE 'Europe/Oslo' AT TIME ZONE 'UTC')`;
  const del = await floor.query(
    `UPDATE "Mailbox" SET status = 'DELETED', "deletedAt" = $1, "passwordHash" = NULL, "lockReason" = NULL
     WHERE status = 'LOCKED' AND "lockedAt" + interval '${POLICY.lifecycle.restoreWindowDays - 1} days' <= $1::timestamp
       AND ${utc(`${oslo(`"lockedAt"`)} + interval '${POLICY.lifecycle.restoreWindowDays} days'`)} <= $1::timestamp RETURNING address`,
    [now],
  );
  await floor.query(`UPDATE "Address" SET "retiredAt" = $1, "retiredBecause" = 'DELETED' WHERE address = ANY($2)`, [
    now,
    del.rows.map((r) => r.address),
  ]);
  const warn = await floor.query(
    `INSERT INTO "Notice" (id, "mailboxId", kind, cycle, "queuedAt")
     SELECT uuidv7(), id, 'LOCK_WARNING_14', ${utc(`${oslo(`GREATEST("lastLoginAt", "cycleStartedAt")`)} + interval '${months} months'`)}, $1
     FROM "Mailbox" WHERE status = 'ACTIVE'
       AND GREATEST("lastLoginAt", "cycleStartedAt") + interval '${months} months' - interval '18 days' <= $1::timestamp
       AND ${utc(`${oslo(`GREATEST("lastLoginAt", "cycleStartedAt")`)} + interval '${months} months' - interval '14 days'`)} <= $1::timestamp
     ON CONFLICT DO NOTHING`,
    [now],
  );
  await floor.query("COMMIT");
  const floorSeconds = (performance.now() - t) / 1000;
  await floor.end();

  const transitions = report.warnings14 + report.warnings7 + report.locked + report.deleted;
  console.log(`\nLifecycle sweep, ${N.toLocaleString("en")} mailboxes, ${os.cpus().length} cores`);
  console.log(
    `  sweep: ${seconds.toFixed(1)} s, ${(N / seconds).toFixed(0)} mailboxes/s (examined ${report.examined}, ${report.batches} batches)`,
  );
  console.log(
    `  transitions: ${report.warnings14} 14-day warnings, ${report.warnings7} 7-day warnings, ${report.locked} locks, ${report.deleted} deletions (${transitions} in all), ${report.notices} notices`,
  );
  console.log(`  worker peak memory: ${peakRssMb?.toFixed(0)} MB`);
  console.log(
    `  delivery to the local SMTP sink: ${delivered} e-mails in ${deliverySeconds.toFixed(1)} s = ${(delivered / deliverySeconds).toFixed(0)} e-mails/s`,
  );
  console.log(
    `  SQL floor (same warnings and deletions, no notices): ${floorSeconds.toFixed(1)} s (${warn.rowCount} warnings, ${del.rowCount} deletions); sweep/floor = ${(seconds / floorSeconds).toFixed(1)}×`,
  );
  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  console.log(
    `\n  targets: sweep ≤ 60 s: ${verdict(seconds <= 60)}; memory ≤ 300 MB: ${verdict((peakRssMb ?? Infinity) <= 300)}; within 3× of the floor: ${verdict(seconds / floorSeconds <= 3)}`,
  );
} finally {
  await stop();
}
