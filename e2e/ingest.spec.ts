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
    errors: [
      { index: 1, error: "notALogin" },
      { index: 2, error: "unknownAddress" },
    ],
  });
  const again = await request.post("/api/ingest/logins", { data: body, headers });
  expect((await again.json()).alreadyKnown).toBe(1);
  const broken = await request.post("/api/ingest/logins", { data: "{not json", headers: { ...headers, "content-type": "application/json" } });
  expect(broken.status()).toBe(400);

  await login(page, customer.customerNumber);
  // 08:05 UTC is 09:05 in Oslo in March (UTC+1).
  await expect(page.getByText("4. mars 2026, 09:05")).toBeVisible();
});

test("developers read the mail the portal sent (demo set-up only)", async ({ page, db }) => {
  const subject = `Testbrev ${Date.now()}`;
  await db.sinkMessage.create({ data: { from: "ikke-svar@altibox.no", to: ["kari@altibox.no"], subject, text: "Hei!\n\nDette er en test.", html: "", raw: "" } });
  await page.goto("/utvikler/e-post");
  await expect(page.getByRole("heading", { level: 2, name: subject })).toBeVisible();
  await expectAccessible(page);
});

test("a quarantine hand-over without Content-Length is cut off at 18 MB (R-ACC-6), not read whole", async () => {
  // Playwright's request client always declares a length; Postfix-side tools may stream chunked.
  const { default: http } = await import("node:http");
  const { Readable } = await import("node:stream");
  const chunk = Buffer.alloc(64 * 1024, "a");
  let sent = 0;
  const body = new Readable({
    read() {
      // Far more than the limit: the server must answer before the end.
      if (sent >= 200 * 1024 * 1024) return this.push(null);
      sent += chunk.length;
      this.push(chunk);
    },
  });
  const status = await new Promise<number>((resolve, reject) => {
    const request = http.request(new URL("/api/ingest/quarantine", E2E.baseUrl), {
      method: "POST",
      headers: { authorization: `Bearer ${E2E.ingestToken}`, "content-type": "message/rfc822", "x-recipient": "noen@altibox.no", "x-spam-score": "9", "x-spam-reason": "test", "transfer-encoding": "chunked" },
    });
    request.on("response", (response) => {
      body.destroy();
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
    body.pipe(request);
  });
  expect(status).toBe(413);
  expect(sent).toBeLessThan(100 * 1024 * 1024);
});
