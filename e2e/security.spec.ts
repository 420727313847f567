// Security in the browser (issue 14): a content security policy with a nonce on every page, forged
// origins refused, logouts that stick in the browser, headers that follow the live session, the
// sign-out route that ends the session on the server, and no session the audit log could give away.
import { test, expect, login, logout, createMailbox, mailboxLogin } from "./fixtures";

const PAGES = [
  "/",
  "/logg-inn",
  "/om-tjenesten",
  "/hjelp/oppsett",
  "/e-post/logg-inn",
  "/admin/logg-inn",
  "/cleanmail/logg-inn",
  "/finnes-ikke",
];

test("every page has a content security policy with a fresh nonce, and no inline script runs without it", async ({
  request,
  page,
  customer,
  expectedConsoleErrors,
}) => {
  expectedConsoleErrors.push(/status of 404/);
  const nonces = new Set<string>();
  for (const path of PAGES) {
    const answer = await request.get(path);
    const policy = answer.headers()["content-security-policy"] ?? "";
    const script = /script-src ([^;]*)/.exec(policy)?.[1] ?? "";
    expect(script, path).toMatch(/'nonce-[A-Za-z0-9+/=]{20,}'/);
    expect(script, path).not.toContain("unsafe-inline");
    expect(policy, path).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(script)![1]!;
    nonces.add(nonce);
    // Every script Next.js writes into the page carries it.
    const html = await answer.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(PAGES.length);
  // Signed in too; the fixture fails the test on any violation the browser reports.
  await login(page, customer.customerNumber);
  await page.goto("/mine-sider/profil/passord");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("a server action posted from another origin is refused with 403", async ({ request }) => {
  const answer = await request.post("/logg-inn", {
    headers: { "next-action": "0".repeat(40), origin: "https://evil.example", "content-type": "text/plain" },
    data: "[]",
  });
  expect(answer.status()).toBe(403);
});

test("logging out removes the cookie from the browser; the not-found page then shows no signed-in header", async ({
  page,
  context,
  customer,
  expectedConsoleErrors,
}) => {
  expectedConsoleErrors.push(/status of 404/);
  await login(page, customer.customerNumber);
  await logout(page);
  expect((await context.cookies()).map((c) => c.name)).not.toContain("__Secure-next-auth.session-token");
  await page.goto("/finnes-ikke");
  await expect(page.getByRole("heading", { level: 1, name: "Fant ikke siden" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Logg ut" })).toHaveCount(0);
});

test("a session ended elsewhere: no page shows its header, though the browser still has the cookie", async ({
  page,
  customer,
  db,
  expectedConsoleErrors,
}) => {
  expectedConsoleErrors.push(/status of 404/);
  await login(page, customer.customerNumber);
  await page.goto("/om-tjenesten");
  await expect(page.getByRole("button", { name: "Logg ut" })).toBeVisible();
  await db.webSession.updateMany({ where: { principalId: customer.id, revokedAt: null }, data: { revokedAt: new Date() } });
  for (const path of ["/finnes-ikke", "/om-tjenesten", "/hjelp/oppsett"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Logg ut" }), path).toHaveCount(0);
  }
});

test("next-auth's own sign-out route ends the session on the server, not just the cookie", async ({ page, customer, db }) => {
  await login(page, customer.customerNumber);
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  await page.request.post("/api/auth/signout", { form: { csrfToken, json: "true" } });
  await expect.poll(() => db.webSession.count({ where: { principalId: customer.id, revokedAt: null } })).toBe(0);
});

test("nothing an agent can read opens a mailbox's Cleanmail (the takeover of issue 14, replayed)", async ({
  page,
  browser,
  customer,
  db,
}) => {
  const box = await createMailbox(db, customer.id);
  await mailboxLogin(page, box.address);
  await page.getByRole("button", { name: "Åpne Cleanmail" }).click();
  await expect(page).toHaveURL(/\/cleanmail$/);
  const cookie = (await page.context().cookies()).find((c) => c.name === "__Secure-cleanmail-session")!;
  // What an agent reads about the mailbox: its audit events (log, timeline, CSV) and session rows.
  const audit = JSON.stringify(await db.auditEvent.findMany({ where: { subjectId: box.id } }), (_k, v) =>
    typeof v === "bigint" ? String(v) : v,
  );
  expect(audit).toContain("cleanmail.login.settings");
  expect(audit).not.toContain(cookie.value);
  const rows = await db.webSession.findMany({ where: { principalId: box.id } });
  for (const row of rows) expect([row.id, row.tokenHash]).not.toContain(cookie.value);
  // The row's id (which a logout's audit event names) and its hash, sent as the cookie: refused.
  const attacker = await browser.newContext();
  for (const guess of rows.flatMap((r) => [r.id, r.tokenHash])) {
    await attacker.addCookies([{ ...cookie, value: guess }]);
    const other = await attacker.newPage();
    await other.goto("/cleanmail");
    await expect(other).toHaveURL(/\/cleanmail\/logg-inn$/);
    await other.close();
  }
  await attacker.close();
});
