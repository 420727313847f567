// `npm run bench:admin`: the admin view's search and mailbox page at scale (issue 5). Loads
// BENCH_MAILBOXES (default 1,000,000) mailboxes for BENCH_CUSTOMERS (default 400,000) customers
// with Norwegian-looking names, phone numbers, renamed and deleted addresses, login history,
// notices and audit events; then times the portal's own functions (searchAdmin, mailboxDossier)
// through Prisma, as the pages call them. Target: search at most 100 ms at p99.
// BENCH_DATA_DIR keeps the loaded database between runs (loading 1,000,000 mailboxes takes minutes).
import os from "node:os";
import pg from "pg";
import { benchDatabase } from "./database.ts";
import { createPrismaClient } from "@/lib/db";
import { parseSearch, searchAdmin } from "@/lib/admin/search";
import { customerDossier, mailboxDossier } from "@/lib/admin/queries";

const MAILBOXES = Number(process.env.BENCH_MAILBOXES ?? 1_000_000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 400_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const TARGET_MS = 100;
const NOW = new Date("2026-11-27T12:00:00Z");

const FIRST = [
  "Kari",
  "Ola",
  "Ingrid",
  "Lars",
  "Anne",
  "Per",
  "Sigrid",
  "Bjørn",
  "Åse",
  "Knut",
  "Marit",
  "Jon",
  "Solveig",
  "Erik",
  "Liv",
  "Tor",
  "Astrid",
  "Nils",
  "Berit",
  "Håkon",
  "Randi",
  "Geir",
  "Turid",
  "Arne",
  "Hilde",
  "Odd",
  "Eva",
  "Svein",
  "Gunn",
  "Rune",
  "Tone",
  "Even",
  "Mona",
  "Stig",
  "Wenche",
  "Trond",
  "Siri",
  "Leif",
  "Nina",
  "Ivar",
];
const LAST = [
  "Nordmann",
  "Hansen",
  "Johansen",
  "Olsen",
  "Larsen",
  "Andersen",
  "Pedersen",
  "Nilsen",
  "Kristiansen",
  "Jensen",
  "Karlsen",
  "Johnsen",
  "Pettersen",
  "Eriksen",
  "Berg",
  "Haugen",
  "Hagen",
  "Johannessen",
  "Andreassen",
  "Jacobsen",
  "Dahl",
  "Jørgensen",
  "Halvorsen",
  "Henriksen",
  "Lund",
  "Sørensen",
  "Jakobsen",
  "Moen",
  "Gundersen",
  "Iversen",
  "Strand",
  "Solberg",
  "Svendsen",
  "Eide",
  "Knutsen",
  "Martinsen",
  "Paulsen",
  "Bakken",
  "Kristoffersen",
  "Mathisen",
];
const ascii = (s: string) => s.toLowerCase().replace(/ø/g, "o").replace(/å/g, "a").replace(/æ/g, "ae");

const kept = process.env.BENCH_DATA_DIR;
const { server, dir, stop } = await benchDatabase({ tag: "admin", port: 25460, database: "admin", keepDir: kept });
try {
  const sql = new pg.Client({ connectionString: server.url("admin") });
  await sql.connect();
  await sql.query(`SET TimeZone = 'UTC'`);
  const loaded = Number((await sql.query(`SELECT count(*) AS n FROM "Mailbox"`)).rows[0].n);
  if (loaded > 0) console.log(`Using the ${loaded.toLocaleString("en")} mailboxes already loaded in ${dir}`);
  else await load(sql);
  const sample = await sql.query<{
    id: string;
    address: string;
    customerId: string;
    customerNumber: string;
    name: string;
    email: string;
    phone: string;
  }>(
    `SELECT m.id, m.address, c.id AS "customerId", c."customerNumber", c.name, c.email, c.phone
     FROM "Mailbox" m TABLESAMPLE SYSTEM (1) JOIN "Customer" c ON c.id = m."customerId" LIMIT ${RUNS}`,
  );
  await sql.end();
  await measure(sample.rows);
} finally {
  await stop();
}

async function load(sql: pg.Client) {
  console.log(`Loading ${CUSTOMERS.toLocaleString("en")} customers and ${MAILBOXES.toLocaleString("en")} mailboxes …`);
  const t = performance.now();
  const first = `ARRAY[${FIRST.map((n) => `'${n}'`).join(",")}]`;
  const last = `ARRAY[${LAST.map((n) => `'${n}'`).join(",")}]`;
  const firstAscii = `ARRAY[${FIRST.map((n) => `'${ascii(n)}'`).join(",")}]`;
  const lastAscii = `ARRAY[${LAST.map((n) => `'${ascii(n)}'`).join(",")}]`;
  const now = NOW.toISOString().replace("Z", "");
  await sql.query(
    `INSERT INTO "Customer" (id, "customerNumber", name, email, phone, "passwordHash", "updatedAt", "broadbandStatus")
     SELECT gen_random_uuid(), (10000000 + g)::text,
            (${first})[1 + g % ${FIRST.length}] || ' ' || (${last})[1 + (g / ${FIRST.length}) % ${LAST.length}],
            (${firstAscii})[1 + g % ${FIRST.length}] || '.' || (${lastAscii})[1 + (g / ${FIRST.length}) % ${LAST.length}] || g || '@example.no',
            '+47 ' || (40000000 + g * 7 % 59999999)::text, 'x', now(),
            CASE WHEN g % 50 = 0 THEN 'ENDED'::"BroadbandStatus" ELSE 'ACTIVE'::"BroadbandStatus" END
     FROM generate_series(1, $1) g`,
    [CUSTOMERS],
  );
  // Mailboxes spread over the customers (2.5 each on average); 3 % locked, 5 % deleted.
  await sql.query(
    `WITH c AS (SELECT id, "customerNumber"::int - 10000000 AS g, row_number() OVER (ORDER BY "customerNumber") AS rn FROM "Customer")
     INSERT INTO "Mailbox" (id, address, "customerId", "displayName", "passwordHash", status, "lockReason", "lockedAt", "deletedAt",
                            "createdAt", "cycleStartedAt", "lastLoginAt", "updatedAt")
     SELECT gen_random_uuid(),
            (${firstAscii})[1 + c.g % ${FIRST.length}] || '.' || (${lastAscii})[1 + (c.g / ${FIRST.length}) % ${LAST.length}] || m || '@altibox.no',
            c.id, 'Postkasse ' || m, CASE WHEN m % 20 = 0 THEN NULL ELSE 'x' END,
            CASE WHEN m % 20 = 0 THEN 'DELETED'::"MailboxStatus" WHEN m % 33 = 0 THEN 'LOCKED'::"MailboxStatus" ELSE 'ACTIVE'::"MailboxStatus" END,
            CASE WHEN m % 20 <> 0 AND m % 33 = 0 THEN 'INACTIVITY'::"LockReason" END,
            CASE WHEN m % 20 <> 0 AND m % 33 = 0 THEN $3::timestamp - random() * interval '100 days' END,
            CASE WHEN m % 20 = 0 THEN $3::timestamp - random() * interval '300 days' END,
            $3::timestamp - interval '400 days', $3::timestamp - interval '400 days', $3::timestamp - random() * interval '200 days', now()
     FROM generate_series(1, $1) m JOIN c ON c.rn = 1 + (m - 1) % $2`,
    [MAILBOXES, CUSTOMERS, now],
  );
  await sql.query(`INSERT INTO "Address" (address, "mailboxId", "issuedAt", "retiredAt", "retiredBecause")
                   SELECT address, id, "createdAt", "deletedAt", CASE WHEN status = 'DELETED' THEN 'DELETED' END FROM "Mailbox"`);
  // 5 % were renamed once: their former address is in Address too.
  await sql.query(`INSERT INTO "Address" (address, "mailboxId", "issuedAt", "retiredAt", "retiredBecause")
                   SELECT 'tidligere.' || address, id, "createdAt" - interval '30 days', "createdAt", 'RENAMED' FROM "Mailbox" WHERE random() < 0.05`);
  // History: 3 logins per mailbox, a notice (with its e-mail) for 1 in 5, 2 audit events per mailbox.
  await sql.query(`INSERT INTO "LoginEvent" ("mailboxId", protocol, at, "receivedAt")
                   SELECT id, (ARRAY['IMAP','POP3','SMTP','WEBMAIL']::"LoginProtocol"[])[1 + k % 4], "lastLoginAt" - k * interval '3 days', now()
                   FROM "Mailbox", generate_series(0, 2) k`);
  await sql.query(
    `WITH n AS (INSERT INTO "Notice" (id, "mailboxId", kind, cycle, deadline, "sentAt")
                     SELECT gen_random_uuid(), id, 'LOCK_WARNING_14', $1::timestamp + interval '14 days', $1::timestamp + interval '14 days', $1::timestamp - interval '1 day'
                     FROM "Mailbox" WHERE random() < 0.2 RETURNING id, "mailboxId")
                   INSERT INTO "OutgoingMail" (id, "noticeId", "to", status, attempts, "createdAt", "nextAttemptAt", "sentAt")
                   SELECT gen_random_uuid(), n.id, m.address, 'SENT', 1, $1::timestamp - interval '1 day', $1::timestamp, $1::timestamp - interval '1 day'
                   FROM n JOIN "Mailbox" m ON m.id = n."mailboxId"`,
    [now],
  );
  await sql.query(`INSERT INTO "AuditEvent" (at, "actorKind", "actorId", action, "subjectType", "subjectId", after)
                   SELECT "createdAt" + k * interval '1 day', 'CUSTOMER', "customerId"::text, CASE k WHEN 0 THEN 'mailbox.create' ELSE 'mailbox.password' END, 'MAILBOX', id::text, '{}'::jsonb
                   FROM "Mailbox", generate_series(0, 1) k`);
  await sql.query(`VACUUM ANALYZE`);
  const sizes = await sql.query(
    `SELECT (SELECT count(*) FROM "Address") AS addresses, (SELECT count(*) FROM "LoginEvent") AS logins, (SELECT count(*) FROM "AuditEvent") AS audits`,
  );
  console.log(
    `  loaded in ${((performance.now() - t) / 1000).toFixed(0)} s (${Number(sizes.rows[0].addresses).toLocaleString("en")} addresses, ${Number(sizes.rows[0].logins).toLocaleString("en")} logins, ${Number(sizes.rows[0].audits).toLocaleString("en")} audit events)`,
  );
}

type Sample = { id: string; address: string; customerId: string; customerNumber: string; name: string; email: string; phone: string };

async function measure(rows: Sample[]) {
  const pick = (i: number) => rows[i % rows.length]!;

  const db = createPrismaClient(server.url("admin"));
  async function time(label: string, run: (i: number) => Promise<unknown>) {
    for (let i = 0; i < 20; i++) await run(i); // warm up: connections, plans, caches
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await run(i + 20);
      ms.push(performance.now() - start);
    }
    ms.sort((a, b) => a - b);
    const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? Number.NaN;
    const p99 = at(0.99);
    console.log(
      `  ${label.padEnd(46)} p50 ${at(0.5).toFixed(1).padStart(6)} ms   p99 ${p99.toFixed(1).padStart(6)} ms   ${p99 <= TARGET_MS ? "≤ 100 ms: met" : "> 100 ms: NOT met"}`,
    );
  }
  const search = (q: string, page = 1) => {
    const terms = parseSearch(q);
    if (terms.kind !== "terms") throw new Error(`${q}: ${terms.kind}`);
    return searchAdmin(db, terms, page);
  };
  const mail = { from: "x", brand: "Altibox", mailboxesUrl: "http://localhost:3000/mine-sider/internett/e-postkontoer" };

  console.log(
    `\nAdmin view, ${MAILBOXES.toLocaleString("en")} mailboxes, ${CUSTOMERS.toLocaleString("en")} customers, ${RUNS} queries each, ${os.cpus().length} cores`,
  );
  await time("search: address prefix (e.g. kari.nordmann12)", (i) => search(pick(i).address.slice(0, 10 + (i % 6))));
  await time("search: whole address", (i) => search(pick(i).address));
  await time("search: former address (renamed)", (i) => search(`tidligere.${pick(i).address.slice(0, 12)}`));
  await time("search: customer number", (i) => search(pick(i).customerNumber));
  await time("search: customer number prefix (6 digits)", (i) => search(pick(i).customerNumber.slice(0, 6)));
  await time("search: name fragment (e.g. nordm)", (i) => search(pick(i).name.split(" ")[1]!.slice(0, 5)));
  await time("search: first and last name (e.g. kari nordmann)", (i) => search(pick(i).name));
  await time("search: name fragment, page 5", (i) => search(pick(i).name.split(" ")[1]!.slice(0, 4), 5));
  await time("search: contact e-mail fragment", (i) => search(pick(i).email.split("@")[0]!.slice(-9)));
  await time("search: phone digits", (i) => search(pick(i).phone.replace(/\D/g, "").slice(2)));
  await time("customer page (customerDossier)", (i) => customerDossier(db, pick(i).customerId, NOW));
  await time("mailbox page (mailboxDossier, with timeline)", (i) => mailboxDossier(db, pick(i).id, NOW, mail));
  await db.$disconnect();
}
