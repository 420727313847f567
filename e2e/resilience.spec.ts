// A database that can always come back (issue 14, items 6 and 11): a portal of its own (the
// production server, the worker, an embedded PostgreSQL on a port below the ephemeral range),
// whose PostgreSQL is killed while requests keep coming and started again on the same data. While
// it is away, pages say so in Norwegian with a way back and a reference, and no response carries
// internal error text; once it is back, the portal and the worker recover on their own, and no
// write that was acknowledged is lost.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { quickAddJob } from "graphile-worker";
import { test, expect, login } from "./fixtures";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../scripts/db/embedded";
import { ROOT } from "../scripts/db/migrations";
import { createPrismaClient, type Db } from "@/lib/db";
import { createCustomer, createMailbox } from "@/test/factories";
import { E2E } from "./config";

const PORT = E2E.port + 1;
const DB_PORT = E2E.dbPort + 1;
const WORKER_HEALTH_PORT = E2E.port + 2;
const BASE = `http://localhost:${PORT}`;
const INTERNAL = /prisma|invocation|can't reach database|ECONNREFUSED|connect ECONN|at .*\.(js|ts):\d+/i;

let dir: string;
let pg: EmbeddedDatabase;
let db: Db;
const children: ChildProcess[] = [];

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "msp-resilience-"));
  pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: DB_PORT, quiet: true });
  await pg.ensureDatabase("portal");
  // In a child: the schema engine's WebAssembly needs Node's --experimental-wasm-modules.
  execFileSync(
    process.execPath,
    ["--experimental-wasm-modules", "--no-warnings", "--import", "tsx", "scripts/db/migrate.ts", pg.url("portal")],
    { cwd: ROOT, stdio: "ignore" },
  );
  db = createPrismaClient(pg.url("portal"));
  const env = {
    ...process.env,
    DATABASE_URL: pg.url("portal"),
    SMTP_URL: "smtp://127.0.0.1:9",
    NEXTAUTH_SECRET: E2E.nextAuthSecret,
    NEXTAUTH_URL: BASE,
    INGEST_TOKEN: E2E.ingestToken,
    TOTP_ENCRYPTION_KEY: E2E.totpKey.toString("base64"),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // The build the e2e server made; the production server and the worker as `npm start` runs them.
  children.push(
    spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/serve.ts")], {
      cwd: ROOT,
      env: { ...env, PORT: String(PORT), WEB_CONCURRENCY: "1", NODE_ENV: "production" },
      stdio: "ignore",
    }),
  );
  children.push(
    spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/worker.ts")], {
      cwd: ROOT,
      env: { ...env, HEALTH_PORT: String(WORKER_HEALTH_PORT) },
      stdio: "ignore",
    }),
  );
  await expect.poll(async () => (await fetch(`${BASE}/om-tjenesten`).catch(() => null))?.status, { timeout: 60_000 }).toBe(200);
});

/** The readiness of the web tier and the worker (issue 19): their /readyz status codes. */
const readiness = () =>
  Promise.all(
    [`${BASE}/readyz`, `http://127.0.0.1:${WORKER_HEALTH_PORT}/readyz`].map(async (url) => (await fetch(url).catch(() => null))?.status),
  );

test.afterAll(async () => {
  for (const child of children) child.kill("SIGTERM");
  await db?.$disconnect();
  await pg?.stop().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

/** Kills PostgreSQL as a crash would (SIGKILL to the postmaster), not a clean stop. */
function killPostgres() {
  const pid = Number(readFileSync(path.join(dir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
  process.kill(pid, "SIGKILL");
}

const reportLogin = (address: string, at: string) =>
  fetch(`${BASE}/api/ingest/logins`, {
    method: "POST",
    headers: { authorization: `Bearer ${E2E.ingestToken}`, "content-type": "application/json" },
    body: JSON.stringify({ logins: [{ address, protocol: "imap", at }] }),
  });

test("PostgreSQL killed and started again: friendly pages meanwhile, and everything back on its own", async ({
  browser,
  expectedConsoleErrors,
}) => {
  expectedConsoleErrors.push(/status of 500/, /status of 401/);
  const customer = await createCustomer(db);
  const box = await createMailbox(db, customer.id, { lastLoginAt: null });
  const context = await browser.newContext({ baseURL: BASE });
  const page = await context.newPage();
  await login(page, customer.customerNumber);

  // Writes acknowledged before the crash, and while requests keep coming.
  const acknowledged: string[] = [];
  for (let i = 0; i < 5; i++) {
    const at = new Date(Date.UTC(2026, 9, 1, 8, i)).toISOString();
    const answer = await reportLogin(box.address, at);
    if (answer.status === 200 && (await answer.json()).accepted === 1) acknowledged.push(at);
  }
  expect(acknowledged).toHaveLength(5);
  await expect.poll(readiness, { timeout: 30_000 }).toEqual([200, 200]);

  killPostgres();
  // Not ready, web tier and worker alike, while alive all the same.
  await expect.poll(readiness, { timeout: 15_000 }).toEqual([503, 503]);
  expect((await fetch(`${BASE}/healthz`)).status).toBe(200);
  expect(await (await fetch(`${BASE}/readyz`)).text()).not.toMatch(INTERNAL);
  // A signed-in page: the error page, in Norwegian, a way back and a reference; nothing internal.
  await page.goto("/mine-sider/internett/e-postkontoer");
  await expect(page.getByRole("heading", { level: 1, name: "Noe gikk galt hos oss" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Til forsiden" })).toBeVisible();
  await expect(page.getByText(/Oppgi referansen \S+ hvis du kontakter kundeservice/)).toBeVisible();
  expect(await page.content()).not.toMatch(INTERNAL);
  // A login: the generic message, never the database's own words.
  const fresh = await browser.newContext({ baseURL: BASE });
  const loginPage = await fresh.newPage();
  await loginPage.goto("/logg-inn");
  await loginPage.getByLabel("Kundenummer eller e-postadresse").fill(customer.customerNumber);
  await loginPage.getByLabel("Passord", { exact: true }).fill("blåbær-fjellvann-nordlys");
  await loginPage.getByRole("button", { name: "Logg inn" }).click();
  await expect(loginPage.getByRole("main").getByRole("alert")).toHaveText("Innloggingen mislyktes. Prøv igjen om litt.");
  expect(await loginPage.content()).not.toMatch(INTERNAL);
  // A machine: a 5xx without internal text.
  const refused = await reportLogin(box.address, new Date().toISOString());
  expect(refused.status).toBeGreaterThanOrEqual(500);
  expect(await refused.text()).not.toMatch(INTERNAL);

  // Back, on the same port and data: the portal and the worker recover without a restart.
  pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: DB_PORT, quiet: true });
  await expect
    .poll(
      async () => {
        await page.goto("/mine-sider/internett/e-postkontoer");
        return page.getByRole("heading", { level: 1, name: "E-postkontoer" }).isVisible();
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  await expect
    .poll(async () => (await reportLogin(box.address, new Date(Date.UTC(2026, 9, 2)).toISOString())).status, { timeout: 30_000 })
    .toBe(200);
  await expect.poll(readiness, { timeout: 30_000 }).toEqual([200, 200]);
  const job = await quickAddJob({ connectionString: pg.url("portal") }, "deliver_mail", {});
  await expect
    .poll(
      async () => (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE id = ${job.id}`)[0]!.n,
      { timeout: 30_000 },
    )
    .toBe(0);

  // Nothing acknowledged was lost.
  const stored = await db.loginEvent.findMany({ where: { mailboxId: box.id }, select: { at: true } });
  for (const at of acknowledged) expect(stored.map((s) => s.at.toISOString())).toContain(at);
  await fresh.close();
  await context.close();

  // Stopping (issue 19): SIGTERM while ten requests are in flight: each is answered in full, then
  // the server exits by itself, well within its grace period.
  const server = children[0]!;
  const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
  const connected: Promise<void>[] = [];
  const answers = Array.from(
    { length: 10 },
    () =>
      new Promise<number>((resolve, reject) => {
        const req = http.get(`${BASE}/om-tjenesten`, { agent: false }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        connected.push(new Promise((ok) => req.once("socket", (socket) => socket.once("connect", () => ok()))));
        req.on("error", reject);
      }),
  );
  await Promise.all(connected);
  await new Promise((resolve) => setTimeout(resolve, 100));
  server.kill("SIGTERM");
  expect(await Promise.all(answers)).toEqual(Array(10).fill(200));
  expect(await exited).toBe(0);
});
