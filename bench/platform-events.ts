// `npm run bench:platform-events`: the mail platform's event stream (issue 17, R-PLAT-3). Two
// consumers (lib/mail-platform/events.ts, each with its own database pool) apply events against a
// local HTTP stand-in for Dovecot's doveadm API that answers every command as doveadm does (the
// real Dovecot's speed is Dovecot's; this measures the portal's side). Three phases:
//   1. 100,000 events of mixed kinds for 20,000 mailboxes, written at once: how fast they drain;
//   2. steady state: 1,000 events a second for 30 s: p50/p99 from commit to acknowledgement;
//   3. the backend down for 60 s while events keep coming, then back: how long the backlog takes.
// Targets (this 2-core machine): ≥ 1,000 events/s; p99 ≤ 2 s from commit to acknowledgement.
import http from "node:http";
import os from "node:os";
import pg from "pg";
import { benchDatabase } from "./database.ts";
import { createPrismaClient } from "@/lib/db";
import { startPlatformEventConsumer } from "@/lib/mail-platform/events";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const MAILBOXES = 20_000;
const STEADY_RATE = 1_000;
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 30);
const OUTAGE_SECONDS = Number(process.env.BENCH_OUTAGE_SECONDS ?? 60);
const KINDS = ["PASSWORD_CHANGED", "MAILBOX_LOCKED", "MAILBOX_RESTORED", "TWO_FACTOR_CHANGED", "MAILBOX_RENAMED", "MAILBOX_DELETED"];

// The stand-in: doveadm's answer to each command, or (down) a dropped connection.
let down = false;
let commands = 0;
const standIn = http.createServer((req, res) => {
  if (down) return req.socket.destroy();
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const asked = JSON.parse(Buffer.concat(chunks).toString("utf8")) as [string, unknown, string][];
    commands += asked.length;
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify(asked.map(([, , tag]) => ["doveadmResponse", [], tag])));
  });
});
await new Promise<void>((resolve) => standIn.listen(0, "127.0.0.1", resolve));
const backend = { name: "stand-in", url: `http://127.0.0.1:${(standIn.address() as { port: number }).port}`, apiKey: "bench-key" };

const { url, stop } = await benchDatabase({ tag: "events", port: 25470, database: "bench" });
try {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  admin.on("error", (error) => console.error(`bench database connection: ${error.message}`));
  // Events go round the mailboxes (each gets one in 20,000), as changes by many people would.
  let written = 0;
  const write = async (count: number) => {
    await admin.query(
      `INSERT INTO "MailPlatformEvent" (kind, "mailboxId", address, payload, "createdAt")
       SELECT ($2::text[])[1 + (g % 6)], md5('mb' || ((g * 7919) % ${MAILBOXES}))::uuid, 'mb' || ((g * 7919) % ${MAILBOXES}) || '@altibox.no',
              '{}'::jsonb, clock_timestamp()
       FROM generate_series($3::int + 1, $3::int + $1) g`,
      [count, KINDS, written],
    );
    written += count;
  };
  const waiting = async () =>
    Number((await admin.query(`SELECT count(*) FROM "MailPlatformEvent" WHERE "processedAt" IS NULL`)).rows[0].count);
  const untilDrained = async () => {
    while ((await waiting()) > 0) await new Promise((r) => setTimeout(r, 100));
  };
  const latencies = async (since: Date) =>
    (
      await admin.query(
        `SELECT extract(epoch FROM "processedAt" - "createdAt") * 1000 AS ms FROM "MailPlatformEvent" WHERE "createdAt" >= $1 ORDER BY 1`,
        [since],
      )
    ).rows.map((r: { ms: string }) => Number(r.ms));
  const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

  const dbs = [createPrismaClient(url), createPrismaClient(url)];
  const consumers = dbs.map((db, i) => startPlatformEventConsumer(db, [backend], `bench-${i}`));

  // 1. A burst.
  let t = performance.now();
  await write(EVENTS);
  await untilDrained();
  const burstSeconds = (performance.now() - t) / 1000;

  // 2. Steady state.
  const steadyFrom = new Date();
  for (let s = 0; s < STEADY_SECONDS * 10; s++) {
    await write(STEADY_RATE / 10);
    await new Promise((r) => setTimeout(r, 100));
  }
  await untilDrained();
  const steady = await latencies(steadyFrom);

  // 3. The backend down while events keep coming, then back.
  down = true;
  for (let s = 0; s < OUTAGE_SECONDS * 10; s++) {
    await write(STEADY_RATE / 10);
    await new Promise((r) => setTimeout(r, 100));
  }
  const backlog = await waiting();
  down = false;
  t = performance.now();
  await untilDrained();
  const drainSeconds = (performance.now() - t) / 1000;
  // Every event written was acknowledged: none was lost on the way.
  const acknowledged = Number(
    (await admin.query(`SELECT count(*) FROM "MailPlatformEvent" WHERE "processedAt" IS NOT NULL`)).rows[0].count,
  );
  const lost = written - acknowledged;

  for (const c of consumers) await c.stop();
  for (const db of dbs) await db.$disconnect();
  await admin.end();

  const rate = EVENTS / burstSeconds;
  console.log(`\nMail-platform events, 2 consumers, a doveadm stand-in (local HTTP), ${os.cpus().length} cores`);
  console.log(
    `  burst: ${EVENTS.toLocaleString("en")} events in ${burstSeconds.toFixed(1)} s → ${rate.toFixed(0)} events/s (${commands.toLocaleString("en")} doveadm commands in all)`,
  );
  console.log(
    `  steady ${STEADY_RATE}/s for ${STEADY_SECONDS} s: commit → acknowledged p50 ${at(steady, 0.5).toFixed(0)} ms, p99 ${at(steady, 0.99).toFixed(0)} ms, max ${at(steady, 1).toFixed(0)} ms`,
  );
  console.log(
    `  backend down ${OUTAGE_SECONDS} s: ${backlog.toLocaleString("en")} events waiting; drained ${drainSeconds.toFixed(1)} s after it came back; ${lost} lost`,
  );
  console.log(
    `  targets: ≥ 1,000 events/s: ${rate >= 1000 ? "met" : "NOT met"}; p99 ≤ 2 s: ${at(steady, 0.99) <= 2000 ? "met" : "NOT met"}`,
  );
} finally {
  standIn.close();
  await stop();
}
