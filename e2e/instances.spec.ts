// Two web instances on one database, as behind a load balancer (issue 19, item 5): a session made
// on one is honoured by the other, and a logout on the second ends it on the first. Sessions,
// throttles and limits live in PostgreSQL; this shows the web tier keeps nothing of its own.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { test, expect, login } from "./fixtures";
import { ROOT } from "../scripts/db/migrations";
import { E2E } from "./config";

const SECOND = `http://localhost:${E2E.port + 5}`;
let second: ChildProcess;

test.beforeAll(async () => {
  second = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/serve.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: E2E.databaseUrl,
      NEXTAUTH_SECRET: E2E.nextAuthSecret,
      // Both instances answer for the same public address, as behind a load balancer.
      NEXTAUTH_URL: E2E.baseUrl,
      TOTP_ENCRYPTION_KEY: E2E.totpKey.toString("base64"),
      PORTAL_TEST_MODE: "1",
      PORT: String(E2E.port + 5),
      WEB_CONCURRENCY: "1",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: "ignore",
  });
  await expect.poll(async () => (await fetch(`${SECOND}/readyz`).catch(() => null))?.status, { timeout: 60_000 }).toBe(200);
});

test.afterAll(() => {
  second?.kill("SIGTERM");
});

test("a session made on one instance holds on another, and a logout there ends it everywhere", async ({ page, customer }) => {
  await login(page, customer.customerNumber);
  await page.goto(`${SECOND}/mine-sider/internett/e-postkontoer`);
  await expect(page.getByRole("heading", { level: 1, name: "E-postkontoer" })).toBeVisible();
  await page.getByRole("button", { name: "Logg ut" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Du er logget ut.");
  // Back on the first instance: the session is gone there too.
  await page.goto(`${E2E.baseUrl}/mine-sider/internett/e-postkontoer`);
  await expect(page).toHaveURL(/\/logg-inn/);
});
