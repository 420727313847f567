// The mail servers' login reports (R-LC-4), through the real route, and what Mine sider then shows.
import { test, expect, login, createMailbox, expectAccessible } from "./fixtures";
import { E2E } from "./config";

test("login reports need the token, keep the good entries, and show on Mine sider", async ({ page, request, customer, db }) => {
  const box = await createMailbox(db, customer.id, { lastLoginAt: null });
  const body = {
    logins: [
      { address: box.address, protocol: "imap", at: "2026-03-04T08:05:00Z" },
      { address: box.address, protocol: "lmtp", at: "2026-03-04T08:06:00Z" },
      { address: "finnes.ikke@altibox.no", protocol: "imap", at: "2026-03-04T08:07:00Z" },
    ],
  };
  expect((await request.post("/api/ingest/logins", { data: body })).status()).toBe(401);
  expect((await request.post("/api/ingest/logins", { data: body, headers: { authorization: "Bearer wrong" } })).status()).toBe(401);

  const headers = { authorization: `Bearer ${E2E.ingestToken}` };
  const first = await request.post("/api/ingest/logins", { data: body, headers });
  expect(first.status()).toBe(200);
  expect(await first.json()).toEqual({
    accepted: 1,
    alreadyKnown: 0,
    reopened: 0,
    errors: [
      { index: 1, error: "notALogin" },
      { index: 2, error: "unknownAddress" },
    ],
    results: [
      { index: 0, outcome: "recorded" },
      { index: 1, outcome: "notALogin" },
      { index: 2, outcome: "unknownAddress" },
    ],
  });
  const again = await request.post("/api/ingest/logins", { data: body, headers });
  expect((await again.json()).alreadyKnown).toBe(1);
  const broken = await request.post("/api/ingest/logins", {
    data: "{not json",
    headers: { ...headers, "content-type": "application/json" },
  });
  expect(broken.status()).toBe(400);

  await login(page, customer.customerNumber);
  // 08:05 UTC is 09:05 in Oslo in March (UTC+1).
  await expect(page.getByText("4. mars 2026, 09:05")).toBeVisible();
});

test("a login from before a lock, reported after it, opens the mailbox again and says so (R-LC-1, R-LC-4)", async ({
  page,
  request,
  customer,
  db,
}) => {
  const now = Date.now();
  const lockedAt = new Date(now - 60_000);
  const box = await createMailbox(db, customer.id, {
    status: "LOCKED",
    lockReason: "INACTIVITY",
    lockedAt,
    lastLoginAt: new Date(now - 200 * 86_400_000),
    cycleStartedAt: new Date(now - 400 * 86_400_000),
  });
  const headers = { authorization: `Bearer ${E2E.ingestToken}` };
  const before = new Date(lockedAt.getTime() - 30_000).toISOString();
  const answer = await request.post("/api/ingest/logins", {
    data: {
      logins: [
        { address: box.address, protocol: "imap", at: before },
        { address: box.address, protocol: "pop3", at: new Date(now).toISOString() },
      ],
    },
    headers,
  });
  expect(await answer.json()).toMatchObject({
    reopened: 1,
    results: [
      { index: 0, outcome: "reopened" },
      { index: 1, outcome: "recorded" },
    ],
  });
  expect(await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).toMatchObject({ status: "ACTIVE", lockedAt: null });
  await login(page, customer.customerNumber);
  const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: box.address }) });
  await expect(item.getByText("Aktiv", { exact: true })).toBeVisible();
});

test("a quarantine hand-over without a spam score is refused (400), as the route says", async ({ request, customer, db }) => {
  const box = await createMailbox(db, customer.id);
  const message = "From: a@example.test\r\nSubject: Hei\r\n\r\nHei\r\n";
  const base = {
    authorization: `Bearer ${E2E.ingestToken}`,
    "content-type": "message/rfc822",
    "x-recipient": box.address,
    "x-spam-reason": "test",
  };
  for (const score of [undefined, "", " ", "mye"]) {
    const answer = await request.post("/api/ingest/quarantine", {
      data: message,
      headers: score === undefined ? base : { ...base, "x-spam-score": score },
    });
    expect(answer.status(), `X-Spam-Score ${JSON.stringify(score)}`).toBe(400);
  }
  expect((await request.post("/api/ingest/quarantine", { data: message, headers: { ...base, "x-spam-score": "0" } })).status()).toBe(200);
});

test("developers read the mail the portal sent (demo set-up only, with the key printed at start)", async ({
  page,
  db,
  expectedConsoleErrors,
}) => {
  expectedConsoleErrors.push(/status of 404/);
  const subject = `Testbrev ${Date.now()}`;
  await db.sinkMessage.create({
    data: { from: "ikke-svar@altibox.no", to: ["kari@altibox.no"], subject, text: "Hei!\n\nDette er en test.", html: "", raw: "" },
  });
  // Without the key, or with a wrong one: there is no such page (issue 14, item 8).
  for (const path of ["/utvikler/e-post", "/utvikler/e-post?nokkel=gjett"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: "Fant ikke siden" })).toBeVisible();
  }
  await page.goto(`/utvikler/e-post?nokkel=${E2E.capturedMailKey}`);
  await expect(page.getByRole("heading", { level: 2, name: subject })).toBeVisible();
  await expectAccessible(page);
});

/**
 * Streams a chunked body without end (no Content-Length, as Postfix-side tools and attackers may
 * send) until the server answers; returns the status and how much was sent by then.
 */
async function streamEndless(path: string, headers: Record<string, string>) {
  const { default: http } = await import("node:http");
  const { Readable } = await import("node:stream");
  const chunk = Buffer.alloc(64 * 1024, "a");
  let sent = 0;
  const body = new Readable({
    read() {
      // Far more than any limit: the server must answer before the end.
      if (sent >= 200 * 1024 * 1024) return this.push(null);
      sent += chunk.length;
      this.push(chunk);
    },
  });
  const status = await new Promise<number>((resolve, reject) => {
    const request = http.request(new URL(path, E2E.baseUrl), { method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } });
    request.on("response", (response) => {
      body.destroy();
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
    body.pipe(request);
  });
  return { status, sent };
}

// Every route that takes a body reads it as it arrives and stops at its limit (issue 14, item 5).
const MB = 1024 * 1024;
for (const [path, headers, cutOffBelow] of [
  [
    "/api/ingest/quarantine",
    {
      authorization: `Bearer ${E2E.ingestToken}`,
      "content-type": "message/rfc822",
      "x-recipient": "noen@altibox.no",
      "x-spam-score": "9",
      "x-spam-reason": "test",
    },
    100 * MB,
  ],
  ["/api/ingest/logins", { authorization: `Bearer ${E2E.ingestToken}`, "content-type": "application/json" }, 40 * MB],
  ["/api/partner/broadband", { authorization: `Bearer ${E2E.partnerToken}`, "content-type": "application/json" }, 40 * MB],
  ["/autodiscover/autodiscover.xml", { "content-type": "text/xml" }, 40 * MB],
  ["/api/auth/callback/customer", { "content-type": "application/x-www-form-urlencoded" }, 40 * MB],
  ["/api/test/clock", { "content-type": "application/json" }, 40 * MB],
] as const) {
  test(`an endless body to ${path} is cut off at its limit, not read whole`, async () => {
    const { status, sent } = await streamEndless(path, headers);
    expect(status).toBe(413);
    expect(sent).toBeLessThan(cutOffBelow);
  });
}

test("the mail platform's backlog is in Prometheus's format, for the metrics token only (R-PLAT-3)", async ({ request, customer, db }) => {
  const box = await createMailbox(db, customer.id);
  await db.mailPlatformEvent.create({
    data: { kind: "PASSWORD_CHANGED", mailboxId: box.id, address: box.address, payload: {}, lastError: "mx9: fetch failed", attempts: 1 },
  });
  expect((await request.get("/api/metrics")).status()).toBe(401);
  expect((await request.get("/api/metrics", { headers: { authorization: `Bearer ${E2E.ingestToken}` } })).status()).toBe(401);
  const res = await request.get("/api/metrics", { headers: { authorization: `Bearer ${E2E.metricsToken}` } });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/plain");
  const text = await res.text();
  expect(text).toMatch(/^mail_platform_events_waiting [1-9]\d*$/m);
  expect(text).toMatch(/^mail_platform_events_failing\{backend="mx9"\} [1-9]\d*$/m);
  await db.mailPlatformEvent.updateMany({ where: { mailboxId: box.id }, data: { processedAt: new Date() } });
});

test("every process's own figures: the web tier's routes and logins, the worker's queues and sweeps (issue 19)", async ({
  page,
  customer,
}) => {
  await login(page, customer.customerNumber);
  const web = await (await fetch(`http://127.0.0.1:${E2E.metricsPort}/metrics`)).text();
  expect(web).toMatch(
    /^http_request_duration_seconds_count\{route="\/mine-sider\/internett\/e-postkontoer",method="GET",status="200"\} [1-9]\d*$/m,
  );
  expect(web).toMatch(/^portal_logins_total\{kind="customer",outcome="ok"\} [1-9]\d*$/m);
  expect(web).toMatch(/^portal_password_work\{state="waiting"\} \d+$/m);
  expect(web).toMatch(/^process_resident_memory_bytes \d+/m);
  // No label holds a mailbox id or a path of a person's own: routes are the app's patterns.
  expect(web).not.toMatch(/route="[^"]*[0-9a-f]{8}-[0-9a-f]{4}-/);
  const worker = await (await fetch(`http://127.0.0.1:${E2E.workerHealthPort}/metrics`)).text();
  expect(worker).toMatch(/^portal_jobs_waiting \d+$/m);
  expect(worker).toMatch(/^portal_jobs_oldest_seconds [\d.e+-]+$/m);
  expect(worker).toMatch(/^portal_outbox_waiting \d+$/m);
  expect(worker).toMatch(/^portal_sweep_duration_seconds_count [1-9]\d*$/m);
  expect(worker).toMatch(/^portal_mail_deliveries_total\{outcome="sent"\} \d+$/m);
  expect((await fetch(`http://127.0.0.1:${E2E.workerHealthPort}/readyz`)).status).toBe(200);
});
