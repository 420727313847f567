// Fixtures: a unique customer per test (made directly in the database), login through the real
// form, an axe check, and a browser console that must stay free of errors.
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { quickAddJob } from "graphile-worker";
import AxeBuilder from "@axe-core/playwright";
import { createPrismaClient, type Db } from "@/lib/db";
import { createCustomer, createMailbox, TEST_PASSWORD } from "@/test/factories";
import { generate } from "otplib/functional";
import type { Actor } from "@/lib/actor";
import { fixedClock } from "@/lib/clock";
import { beginEnrolment, confirmEnrolment } from "@/lib/two-factor/service";
import { E2E } from "./config";
import { first } from "@/test/lists";

type Customer = Awaited<ReturnType<typeof createCustomer>>;

export const test = base.extend<{ customer: Customer; consoleErrors: string[]; expectedConsoleErrors: RegExp[] }, { db: Db }>({
  db: [
    async ({}, use) => {
      const db = createPrismaClient(E2E.databaseUrl);
      await use(db);
      await db.$disconnect();
    },
    { scope: "worker" },
  ],
  customer: async ({ db }, use) => {
    await use(await createCustomer(db));
  },
  expectedConsoleErrors: async ({}, use) => {
    await use([]);
  },
  consoleErrors: [
    async ({ page, expectedConsoleErrors }, use) => {
      const errors: string[] = [];
      // A script or style the content security policy blocked fails the test like any error.
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
      });
      page.on("console", (msg) => {
        if (msg.type() === "error") errors.push(msg.text());
      });
      page.on("pageerror", (err) => errors.push(err.message));
      await use(errors);
      const unexpected = errors.filter((e) => !expectedConsoleErrors.some((pattern) => pattern.test(e)));
      expect(unexpected, "the browser console stayed free of errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect, createMailbox, TEST_PASSWORD };

/** The page's own alerts (Next.js keeps a route announcer with role="alert" outside <main>). */
export const alertIn = (page: Page) => page.getByRole("main").getByRole("alert");

export async function login(page: Page, identifier: string, password = TEST_PASSWORD) {
  await page.goto("/logg-inn");
  await page.getByLabel("Kundenummer eller e-postadresse").fill(identifier);
  await page.getByLabel("Passord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "E-postkontoer" })).toBeVisible();
}

/** Logs in to the admin view through the real form, with the code from the agent's app (at the portal's time `now`). */
export async function agentLogin(page: Page, email: string, secret: string, now = Date.now()) {
  await page.goto("/admin/logg-inn");
  await page.getByLabel("E-postadresse på jobb").fill(email);
  await page.getByLabel("Passord", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Logg inn" }).click();
  await page.getByLabel("Kode fra autentiseringsappen").fill(await generate({ secret, epoch: Math.floor(now / 1000) }));
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Finn kunde eller e-postkonto" })).toBeVisible();
}

/** Logs in to a mailbox's own settings area through the real form. */
export async function mailboxLogin(page: Page, address: string, password = TEST_PASSWORD) {
  await page.goto("/e-post/logg-inn");
  await page.getByLabel("E-postadresse").fill(address);
  await page.getByLabel("Passord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Innstillinger for ${address}` })).toBeVisible();
}

/** WCAG 2.1 A and AA by axe: no violations at all; and no message left with a placeholder unfilled. */
export async function expectAccessible(page: Page) {
  // The page being checked, not the one before it: wait until it has its title (WCAG 2.4.2).
  await expect.poll(() => page.title(), { message: `a title on ${page.url()}` }).not.toBe("");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
  // Every message's placeholders filled (issue 15): no "{max}" reaches a person, in text or labels.
  const unfilled = await page.evaluate(() => {
    const texts = [
      document.title,
      document.body.innerText,
      ...[...document.querySelectorAll("[aria-label],[title],[placeholder]")].map(
        (e) => `${e.getAttribute("aria-label") ?? ""} ${e.getAttribute("title") ?? ""} ${e.getAttribute("placeholder") ?? ""}`,
      ),
    ];
    return texts.flatMap((t) => t.match(/\{[a-zA-Z]+\}/g) ?? []);
  });
  expect(unfilled, `unfilled placeholders on ${page.url()}`).toEqual([]);
}

/** Turns 2FA on for an account straight through the service (as if done earlier), with the e2e key. */
export async function enrolDirectly(db: Db, actor: Actor, at = new Date(Date.now() - 60_000)): Promise<string> {
  const ctx = { db, clock: fixedClock(at), actor, requestId: "e2e" };
  const config = { key: E2E.totpKey, brand: "Altibox" };
  const begun = await beginEnrolment(ctx, config);
  if (!begun.ok) throw new Error(begun.error.code);
  const confirmed = await confirmEnrolment(
    ctx,
    config,
    await generate({ secret: begun.value.secret, epoch: Math.floor(at.getTime() / 1000) }),
  );
  if (!confirmed.ok) throw new Error(confirmed.error.code);
  return begun.value.secret;
}

/** Sets the portal's shared test clock (PORTAL_TEST_MODE): every server and worker process reads it. */
export async function moveClock(request: APIRequestContext, at: Date) {
  expect((await request.post("/api/test/clock", { data: { at: at.toISOString() } })).ok()).toBe(true);
}

/** Waits (up to 20 s) until the probe finds something, and returns it. */
export async function until<T>(probe: () => Promise<T | null | undefined | false>): Promise<T> {
  await expect.poll(async () => !!(await probe()), { timeout: 20_000 }).toBe(true);
  return (await probe()) as T;
}

/** Queues a job for the real worker and waits until it has run. */
export async function runJob(db: Db, task: string, payload: Record<string, unknown> = {}) {
  const job = await quickAddJob({ connectionString: E2E.databaseUrl }, task, payload);
  await until(async () => {
    const row = first(await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE id = ${job.id}`);
    return row.n === 0;
  });
}

/** Logs out with the header's button and waits until the server has ended the session. */
export async function logout(page: Page) {
  await page.getByRole("button", { name: "Logg ut" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Du er logget ut.");
}
