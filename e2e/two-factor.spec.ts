// Two-factor login (R-SEC-1, issue 4) in Chromium. A mailbox user: the QR code on the page is
// decoded, a code from it turns 2FA on, recovery codes come once, the login asks for a code, a
// recovery code works once, and 2FA is switched off with the password and a code. A customer: the
// same on Mine sider, new recovery codes, wrong codes rate-limited; the lost-phone switch-off for a
// mailbox. An agent: sent to enrolment before anything else.
import { PNG } from "pngjs";
import jsQR from "jsqr";
import { generate } from "otplib/functional";
import type { APIRequestContext, Page } from "@playwright/test";
import { test, expect, expectAccessible, alertIn, createMailbox, enrolDirectly, login, TEST_PASSWORD, logout } from "./fixtures";
import { createAgent } from "@/test/factories";

// These tests move the portal's shared clock (so each code falls in a new time step): one at a time.
test.describe.configure({ mode: "serial" });

let clockOffsetMs = 0;
async function moveClock(request: APIRequestContext, offsetMs: number) {
  clockOffsetMs = offsetMs;
  expect((await request.post("/api/test/clock", { data: { at: new Date(Date.now() + offsetMs).toISOString() } })).ok()).toBe(true);
}
const codeNow = (secret: string) => generate({ secret, epoch: Math.floor((Date.now() + clockOffsetMs) / 1000) });

async function logIn(page: Page, address: string, code?: string) {
  await page.goto("/e-post/logg-inn");
  await page.getByLabel("E-postadresse").fill(address);
  await page.getByLabel("Passord", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Logg inn" }).click();
  if (code !== undefined) {
    await page.getByLabel("Kode fra autentiseringsappen").fill(code);
    await page.getByRole("button", { name: "Logg inn" }).click();
  }
}

test.afterEach(async ({ request }) => {
  await moveClock(request, 0);
});

test("turn on two-factor by scanning the QR code, log in with codes, switch it off", async ({
  page,
  request,
  customer,
  db,
  expectedConsoleErrors,
}) => {
  // next-auth answers "password right, code needed" and wrong codes with 401, which Chromium logs.
  expectedConsoleErrors.push(/status of 401/);
  const box = await createMailbox(db, customer.id);
  await logIn(page, box.address);
  await expect(page.getByRole("heading", { level: 1, name: `Innstillinger for ${box.address}` })).toBeVisible();
  await page.getByRole("link", { name: "Slå på totrinnsinnlogging" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Slå på totrinnsinnlogging" })).toBeVisible();
  await expect(page.getByText("E-postprogrammer (IMAP, POP og SMTP) bruker fortsatt passordet.", { exact: false })).toBeVisible();
  await expectAccessible(page);

  // Decode the QR code the page shows, and check it against the key in text.
  const src = await page.getByRole("img", { name: "QR-kode for autentiseringsappen" }).getAttribute("src");
  const png = PNG.sync.read(Buffer.from(src!.replace(/^data:image\/png;base64,/, ""), "base64"));
  const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  const uri = new URL(qr!.data);
  expect(uri.protocol).toBe("otpauth:");
  expect(uri.host).toBe("totp");
  expect(decodeURIComponent(uri.pathname)).toBe(`/Altibox e-post:${box.address}`);
  expect(uri.searchParams.get("issuer")).toBe("Altibox e-post");
  // SHA-1, 6 digits, 30 s: what every authenticator app assumes when the URI leaves them out.
  expect(uri.searchParams.get("algorithm") ?? "SHA1").toBe("SHA1");
  expect(uri.searchParams.get("digits") ?? "6").toBe("6");
  expect(uri.searchParams.get("period") ?? "30").toBe("30");
  const secret = uri.searchParams.get("secret")!;
  expect((await page.locator("#totp-key").innerText()).replace(/\s/g, "")).toBe(secret);

  // A wrong code changes nothing; the right one turns it on and shows the recovery codes once.
  await page.getByLabel("Kode fra autentiseringsappen").fill("12345");
  await page.getByRole("button", { name: "Slå på" }).click();
  await expect(alertIn(page)).toContainText("Skriv de seks sifrene fra appen.");
  expect(await db.twoFactor.count({ where: { principalId: box.id, enabledAt: { not: null } } })).toBe(0);
  await page.getByLabel("Kode fra autentiseringsappen").fill(await codeNow(secret));
  await page.getByRole("button", { name: "Slå på" }).click();
  const codes = page.getByRole("list", { name: "Gjenopprettingskoder" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recovery = await codes.nth(0).innerText();
  await expectAccessible(page);

  // The login now asks for a code (a later time step: each step counts once).
  await logout(page);
  await moveClock(request, 60_000);
  await logIn(page, box.address, await codeNow(secret));
  await expect(page.getByRole("heading", { level: 1, name: `Innstillinger for ${box.address}` })).toBeVisible();
  await expect(page.getByText("Totrinnsinnlogging er på.")).toBeVisible();

  // A recovery code works once.
  await logout(page);
  await logIn(page, box.address, recovery);
  await expect(page.getByRole("heading", { level: 1, name: `Innstillinger for ${box.address}` })).toBeVisible();
  await logout(page);
  await logIn(page, box.address, recovery);
  await expect(alertIn(page)).toHaveText("Koden stemmer ikke, eller er allerede brukt. Vent på neste kode og prøv igjen.");

  // Off again: the password and a current code.
  await moveClock(request, 120_000);
  await page.getByLabel("Kode fra autentiseringsappen").fill(await codeNow(secret));
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByText("Totrinnsinnlogging er på.")).toBeVisible();
  await moveClock(request, 150_000);
  await page.locator("#disable-two-factor").getByLabel("Nåværende passord").fill(TEST_PASSWORD);
  await page
    .locator("#disable-two-factor")
    .getByLabel("Kode fra autentiseringsappen")
    .fill(await codeNow(secret));
  await page.getByRole("button", { name: "Slå av" }).click();
  await expect(page.getByText("Totrinnsinnlogging er av.", { exact: false })).toBeVisible();
  expect(await db.outgoingMail.count({ where: { to: box.address, subject: { contains: "Totrinnsinnlogging" } } })).toBe(2);
});

async function enrolOnPage(page: Page) {
  const secret = (await page.locator("#totp-key").innerText()).replace(/\s/g, "");
  await page.getByLabel("Kode fra autentiseringsappen").fill(await codeNow(secret));
  await page.getByRole("button", { name: "Slå på" }).click();
  await expect(page.getByRole("list", { name: "Gjenopprettingskoder" }).getByRole("listitem")).toHaveCount(10);
  // Once it is on, the secret leaves the screen: only the recovery codes remain (issue 18).
  await expect(page.getByRole("img", { name: "QR-kode for autentiseringsappen" })).toHaveCount(0);
  await expect(page.locator("#totp-key")).toHaveCount(0);
  await expect(page.getByRole("main")).not.toContainText(`${secret.slice(0, 4)} ${secret.slice(4, 8)}`);
  return secret;
}

test("a customer turns on two-factor for Mine sider, makes new recovery codes, and wrong codes are rate-limited", async ({
  page,
  request,
  customer,
  db,
  expectedConsoleErrors,
}) => {
  expectedConsoleErrors.push(/status of 401/);
  await login(page, customer.customerNumber);
  await page.getByRole("link", { name: "Passord og innlogging" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Passord og innlogging" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Slå på totrinnsinnlogging" }).click();
  await expectAccessible(page);
  const secret = await enrolOnPage(page);
  await page.getByRole("link", { name: "Ferdig" }).click();
  await expect(page.getByText("Totrinnsinnlogging er på. 10 av 10 gjenopprettingskoder er ubrukt.")).toBeVisible();
  expect(await db.outgoingMail.count({ where: { to: customer.email, subject: { contains: "slått på" } } })).toBe(1);

  // New recovery codes need the password and a current code; the old ones stop working.
  await moveClock(request, 30_000);
  const form = page.locator("#new-recovery-codes");
  await form.getByLabel("Nåværende passord").fill(TEST_PASSWORD);
  await form.getByLabel("Kode fra autentiseringsappen").fill("12a456");
  await page.getByRole("button", { name: "Lag nye koder" }).click();
  await expect(alertIn(page)).toContainText("Skriv de seks sifrene fra appen.");
  await form.getByLabel("Nåværende passord").fill(TEST_PASSWORD);
  await form.getByLabel("Kode fra autentiseringsappen").fill(await codeNow(secret));
  await page.getByRole("button", { name: "Lag nye koder" }).click();
  await expect(page.getByRole("list", { name: "Gjenopprettingskoder" }).getByRole("listitem")).toHaveCount(10);
  await expectAccessible(page);

  // The login asks for a code. Wrong codes count like wrong passwords (the wrong code above too):
  // after five, even the right code must wait.
  await logout(page);
  await page.goto("/logg-inn");
  await page.getByLabel("Kundenummer eller e-postadresse").fill(customer.customerNumber);
  await page.getByLabel("Passord", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByLabel("Kode fra autentiseringsappen")).toBeFocused();
  await expectAccessible(page);
  for (const wrong of ["000000", "111111", "222222", "333333"]) {
    await page.getByLabel("Kode fra autentiseringsappen").fill(wrong);
    await page.getByRole("button", { name: "Logg inn" }).click();
    await expect(alertIn(page)).toHaveText("Koden stemmer ikke, eller er allerede brukt. Vent på neste kode og prøv igjen.");
  }
  await moveClock(request, 60_000);
  await page.getByLabel("Kode fra autentiseringsappen").fill(await codeNow(secret));
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(alertIn(page)).toContainText("For mange mislykkede forsøk. Vent til");
});

test("lost phone: the owner switches a mailbox's two-factor off from Mine sider", async ({ page, customer, db }) => {
  const box = await createMailbox(db, customer.id);
  await enrolDirectly(db, { kind: "MAILBOX", mailboxId: box.id }, new Date(Date.now() + clockOffsetMs - 60_000));
  await login(page, customer.customerNumber);
  await page.goto(`/mine-sider/internett/e-postkontoer/${box.id}`);
  const twoFactor = page.getByRole("region", { name: "Oversikt" }).getByRole("definition").nth(3);
  await expect(twoFactor).toHaveText("På");
  await expect(page.getByRole("heading", { name: "Mistet telefonen?" })).toBeVisible();
  await expectAccessible(page);
  const form = page.locator("#lost-phone");
  await form.getByLabel("Passordet ditt til Mine sider").fill("feil-passord");
  await page.getByRole("button", { name: "Slå av totrinnsinnlogging for kontoen" }).click();
  await expect(alertIn(page)).toContainText("Nåværende passord er feil.");
  await form.getByLabel("Passordet ditt til Mine sider").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Slå av totrinnsinnlogging for kontoen" }).click();
  await expect(page.getByRole("status")).toContainText(`Totrinnsinnlogging er slått av for ${box.address}`);
  await expect(twoFactor).toHaveText("Av");
  await expect(page.getByRole("heading", { name: "Mistet telefonen?" })).toHaveCount(0);
  expect(await db.outgoingMail.count({ where: { to: box.address, text: { contains: "Eieren av kundeforholdet slo av" } } })).toBe(1);
  expect(await db.auditEvent.count({ where: { subjectId: box.id, action: "mailbox.twoFactor.off", actorId: customer.id } })).toBe(1);
});

test("an agent must turn on two-factor before anything else, then logs in with a code", async ({
  page,
  request,
  customer,
  db,
  expectedConsoleErrors,
}) => {
  expectedConsoleErrors.push(/status of 401/);
  const agent = await createAgent(db);
  await page.goto("/admin/logg-inn");
  await expectAccessible(page);
  await page.getByLabel("E-postadresse på jobb").fill(agent.email);
  await page.getByLabel("Passord", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page).toHaveURL(/\/admin\/totrinn$/);
  await expect(page.getByText("Totrinnsinnlogging er påkrevd for kundeservice.", { exact: false })).toBeVisible();
  await expectAccessible(page);
  // Nothing else in the admin view is reachable before enrolment.
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/totrinn$/);
  const secret = await enrolOnPage(page);
  await page.getByRole("link", { name: "Ferdig" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Finn kunde eller e-postkonto" })).toBeVisible();
  await page.getByRole("link", { name: "Min konto" }).click();
  await expect(page.getByText("den kan ikke slås av", { exact: false })).toBeVisible();
  await expect(page.getByRole("button", { name: "Slå av" })).toHaveCount(0);
  await expectAccessible(page);

  await logout(page);
  await moveClock(request, 30_000);
  await page.getByLabel("E-postadresse på jobb").fill(agent.email);
  await page.getByLabel("Passord", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Logg inn" }).click();
  await page.getByLabel("Kode fra autentiseringsappen").fill(await codeNow(secret));
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Finn kunde eller e-postkonto" })).toBeVisible();

  // A customer session is no agent session.
  await logout(page);
  await login(page, customer.customerNumber);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/logg-inn$/);
});
