// `npm run bench:mail-auth`: Dovecot authentications per second against the mail contract
// (issue 16). Loads BENCH_MAILBOXES (default 1,000,000) mailboxes, starts Debian's Dovecot and
// Postfix on them as the tests do, and asks Dovecot's auth service what Postfix and the login
// processes ask it (the auth-client protocol: AUTH PLAIN, many requests in flight per
// connection) for BENCH_SECONDS each: argon2id hashes with the auth cache off, then on, and
// {PLAIN} hashes for the floor. Also prints one argon2id verification's CPU cost at the stored
// parameters and the EXPLAIN of each of the contract's lookups at this size.
// Targets (this 2-core machine): ≥ 1,000 authentications/s with the cache on; every lookup by an
// index and under 1 ms. Run as root (Postfix).
import net from "node:net";
import os from "node:os";
import { verify } from "@node-rs/argon2";
import pg from "pg";
import { benchDatabase } from "./database.ts";
import { createPrismaClient } from "@/lib/db";
import { mailRolePasswordStatements, mailRoleUrl } from "@/lib/mail-platform/contract";
import { hashMailboxPassword } from "@/lib/passwords/hash";
import { startTestMailPlatform } from "@/test/mail-platform";
import { TEST_MAIL_PASSWORDS } from "@/test/mail-roles";

const N = Number(process.env.BENCH_MAILBOXES ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 4;
const IN_FLIGHT = 16;
// Distinct mailboxes logging in during a run: each is a cache miss once.
const USERS = 500;
const PASSWORD = "fjordlys-tindekrone-2026";

let failure = "";
let success = "";

/** Dovecot's auth-client protocol (what Postfix's `smtpd_sasl_type = dovecot` speaks). */
async function authClient(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  socket.setEncoding("utf8");
  socket.setNoDelay(true);
  let buffer = "";
  let handshake: () => void;
  const ready = new Promise<void>((resolve) => (handshake = resolve));
  const pending = new Map<number, (ok: boolean) => void>();
  socket.on("data", (chunk: string) => {
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, end);
      const [kind, id] = line.split("\t");
      if (kind === "FAIL" && !failure) failure = line;
      if (kind === "OK" && !success) success = line;
      buffer = buffer.slice(end + 1);
      if (kind === "DONE") handshake();
      else if (kind === "OK" || kind === "FAIL") {
        pending.get(Number(id))?.(kind === "OK");
        pending.delete(Number(id));
      }
    }
  });
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  socket.write(`VERSION\t1\t2\nCPID\t${process.pid}\n`);
  await ready;
  let next = 1;
  return {
    auth(user: string, password: string): Promise<boolean> {
      const id = next++;
      const resp = Buffer.from(`\0${user}\0${password}`).toString("base64");
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.write(`AUTH\t${id}\tPLAIN\tservice=imap\tsecured\tresp=${resp}\n`);
      });
    },
    close: () => socket.destroy(),
  };
}

async function load(port: number, users: string[], seconds: number) {
  const clients = await Promise.all(Array.from({ length: CONNECTIONS }, () => authClient(port)));
  const latencies: number[] = [];
  let failed = 0;
  let i = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    clients.flatMap((client) =>
      Array.from({ length: IN_FLIGHT }, async () => {
        while (performance.now() < until) {
          const user = users[i++ % users.length]!;
          const start = performance.now();
          if (!(await client.auth(user, PASSWORD))) failed++;
          latencies.push(performance.now() - start);
        }
      }),
    ),
  );
  for (const c of clients) c.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { rate: latencies.length / seconds, p50: at(0.5), p99: at(0.99), failed };
}

const { url, stop } = await benchDatabase({ tag: "auth", port: 25460, database: "bench" });
try {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  for (const statement of mailRolePasswordStatements(TEST_MAIL_PASSWORDS)) await admin.query(statement);

  console.log(`Loading ${N.toLocaleString("en")} mailboxes …`);
  const t = performance.now();
  const argon = await hashMailboxPassword(PASSWORD);
  await admin.query(
    `INSERT INTO "Customer" (id, "customerNumber", name, email, "passwordHash", "updatedAt")
     SELECT gen_random_uuid(), (20000000 + g)::text, 'Kunde ' || g, 'kunde' || g || '@example.test', 'x', now()
     FROM generate_series(1, $1) g`,
    [Math.ceil(N / 5)],
  );
  // Every mailbox has the portal's argon2id hash; the first USERS "plain" ones a {PLAIN} one, the floor.
  await admin.query(
    `WITH c AS (SELECT id, row_number() OVER (ORDER BY "customerNumber") AS rn FROM "Customer")
     INSERT INTO "Mailbox" (id, address, "customerId", "displayName", "passwordHash", status, "lockReason", "lockedAt", "updatedAt")
     SELECT gen_random_uuid(), CASE WHEN g <= $3 THEN 'plain' ELSE 'bench' END || g || '@altibox.no', c.id, 'Bench ' || g,
            CASE WHEN g <= $3 THEN '{PLAIN}' || $4 ELSE $2 END,
            CASE WHEN g % 33 = 0 THEN 'LOCKED'::"MailboxStatus" ELSE 'ACTIVE'::"MailboxStatus" END,
            CASE WHEN g % 33 = 0 THEN 'INACTIVITY'::"LockReason" END,
            CASE WHEN g % 33 = 0 THEN now() END, now()
     FROM generate_series(1, $1) g JOIN c ON c.rn = (g - 1) / 5 + 1`,
    [N, argon, USERS, PASSWORD],
  );
  await admin.query(`INSERT INTO "Address" (address, "mailboxId", "issuedAt") SELECT address, id, "createdAt" FROM "Mailbox"`);
  await admin.query(`VACUUM ANALYZE`);
  console.log(`  loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // Mailboxes that log in: active ones (every 33rd is locked).
  const pick = (prefix: string, from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, k) => from + k)
      .filter((g) => g % 33 !== 0)
      .map((g) => `${prefix}${g}@altibox.no`);
  const plainUsers = pick("plain", 1, USERS);
  const argonUsers = pick("bench", USERS + 1, 2 * USERS);

  const db = createPrismaClient(url);
  const results: Record<string, Awaited<ReturnType<typeof load>>> = {};
  for (const run of [
    { name: "argon2id, cache off", cache: { size: "0", ttl: "1 s" }, users: argonUsers },
    { name: "{PLAIN}, cache off", cache: { size: "0", ttl: "1 s" }, users: plainUsers },
    { name: "argon2id, cache on", cache: { size: "10M", ttl: "1 hour" }, users: argonUsers },
  ]) {
    const platform = await startTestMailPlatform(db, url, { authCache: run.cache });
    try {
      // The cache's first sight of each mailbox is a miss: warm it first, then measure.
      if (run.cache.size !== "0") await load(platform.ports.auth, run.users, Math.min(SECONDS, 30));
      results[run.name] = await load(platform.ports.auth, run.users, SECONDS);
      if (results[run.name]!.failed) console.log(`  first refusal: ${failure}`);
    } finally {
      await platform.stop();
    }
  }
  await db.$disconnect();

  // One argon2id verification at the stored parameters, on one core.
  const phc = argon.replace(/^\{ARGON2ID\}/, "");
  const cpu = process.cpuUsage();
  const VERIFIES = 20;
  for (let k = 0; k < VERIFIES; k++) await verify(phc, PASSWORD);
  const used = process.cpuUsage(cpu);
  const verifyMs = (used.user + used.system) / 1000 / VERIFIES;

  // The contract's lookups as the servers make them, by their own roles.
  const explain = async (role: keyof typeof TEST_MAIL_PASSWORDS, sql: string) => {
    const c = new pg.Client({ connectionString: mailRoleUrl(url, role, TEST_MAIL_PASSWORDS[role]) });
    await c.connect();
    await c.query(sql.replace(/^/, "EXPLAIN (ANALYZE) ")); // warm
    const { rows } = await c.query(`EXPLAIN (ANALYZE) ${sql}`);
    await c.end();
    const plan = rows.map((r: Record<string, string>) => r["QUERY PLAN"]!);
    const ms = Number(/Execution Time: ([\d.]+)/.exec(plan.join("\n"))?.[1]);
    return { plan, ms, indexed: !plan.some((l) => /Seq Scan on "?(Mailbox|Customer|usage|logins)/.test(l)) };
  };
  const user = argonUsers[7]!;
  const lookups = {
    "passdb (Dovecot)": await explain(
      "mail_auth",
      `SELECT username, password, nologin, reason FROM mail.passdb WHERE username = '${user}' AND 'imap' = ANY (services)`,
    ),
    "userdb (Dovecot)": await explain("mail_auth", `SELECT mailbox_id, quota_bytes FROM mail.userdb WHERE username = '${user}'`),
    "virtual_mailbox_domains (Postfix)": await explain("mail_mta", `SELECT 'ok' FROM mail.domains WHERE domain = 'altibox.no'`),
    "virtual_mailbox_maps (Postfix)": await explain("mail_mta", `SELECT 'ok' FROM mail.mailboxes WHERE address = '${user}'`),
    "smtpd_sender_login_maps (Postfix)": await explain("mail_mta", `SELECT login FROM mail.sender_logins WHERE sender = '${user}'`),
  };
  await admin.end();

  console.log(`\nDovecot authentications against the contract, ${N.toLocaleString("en")} mailboxes, ${os.cpus().length} cores`);
  console.log(`  (${CONNECTIONS} auth connections × ${IN_FLIGHT} in flight, ${USERS} distinct mailboxes, ${SECONDS} s each)`);
  for (const [name, r] of Object.entries(results))
    console.log(
      `  ${name.padEnd(22)} ${r.rate.toFixed(0).padStart(7)} logins/s   p50 ${r.p50.toFixed(1)} ms   p99 ${r.p99.toFixed(1)} ms${r.failed ? `   ${r.failed} FAILED` : ""}`,
    );
  console.log(
    `  one argon2id verification (m=19 MiB, t=2, p=1): ${verifyMs.toFixed(1)} ms of CPU → at most ${(1000 / verifyMs).toFixed(0)} cache misses/s per core`,
  );
  console.log(`\nThe contract's lookups (EXPLAIN ANALYZE, warm):`);
  for (const [name, l] of Object.entries(lookups)) {
    console.log(`  ${name}: ${l.ms.toFixed(3)} ms, ${l.indexed ? "by index" : "SEQUENTIAL SCAN"}`);
    for (const line of l.plan.filter((p: string) => !/Planning|Execution/.test(p))) console.log(`      ${line}`);
  }
  // What Postfix and the login processes hear back: never the hash.
  console.log(`\n  an answer to a successful login: ${success.replace(/\t/g, " ")}`);
  console.log(`  it carries the password hash: ${/argon2|\{PLAIN\}/i.test(success) ? "YES (a leak)" : "no"}`);
  const cached = results["argon2id, cache on"]!;
  console.log(`\n  targets: cache on ≥ 1,000 logins/s: ${cached.rate >= 1000 && !cached.failed ? "met" : "NOT met"}`);
  const slow = Object.values(lookups).filter((l) => !(l.ms < 1) || !l.indexed).length;
  console.log(`           every lookup by an index and < 1 ms at ${N.toLocaleString("en")}: ${slow === 0 ? "met" : `NOT met (${slow})`}`);
} finally {
  await stop();
}
