// Two-factor login for a mailbox user (R-SEC-1), in Chromium: the QR code on the page is decoded,
// a code from it turns 2FA on, recovery codes come once, the login asks for a code, a recovery code
// works once, and 2FA is switched off with the password and a code.
import { PNG } from "pngjs";
import jsQR from "jsqr";
import { generate } from "otplib/functional";
import type { APIRequestContext, Page } from "@playwright/test";
import { test, expect, expectAccessible, alertIn, createMailbox, TEST_PASSWORD } from "./fixtures";

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

test("turn on two-factor by scanning the QR code, log in with codes, switch it off", async ({ page, request, customer, db, expectedConsoleErrors }) => {
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
  expect(decodeURIComponent(uri.pathname)).toBe(`/Altibox:${box.address}`);
  expect(uri.searchParams.get("issuer")).toBe("Altibox");
  const secret = uri.searchParams.get("secret")!;
  expect((await page.locator("#totp-key").innerText()).replace(/\s/g, "")).toBe(secret);

  // A wrong code changes nothing; the right one turns it on and shows the recovery codes once.
  await page.getByLabel("Kode fra autentiseringsappen").fill("12345");
  await page.getByRole("button", { name: "Slå på" }).click();
  await expect(alertIn(page)).toContainText("Skriv de seks sifrene fra appen.");
  expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).totpEnabledAt).toBeNull();
  await page.getByLabel("Kode fra autentiseringsappen").fill(await codeNow(secret));
  await page.getByRole("button", { name: "Slå på" }).click();
  const codes = page.getByRole("list", { name: "Gjenopprettingskoder" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recovery = await codes.nth(0).innerText();
  await expectAccessible(page);

  // The login now asks for a code (a later time step: each step counts once).
  await page.getByRole("button", { name: "Logg ut" }).click();
  await moveClock(request, 60_000);
  await logIn(page, box.address, await codeNow(secret));
  await expect(page.getByRole("heading", { level: 1, name: `Innstillinger for ${box.address}` })).toBeVisible();
  await expect(page.getByText("Totrinnsinnlogging er på.")).toBeVisible();

  // A recovery code works once.
  await page.getByRole("button", { name: "Logg ut" }).click();
  await logIn(page, box.address, recovery);
  await expect(page.getByRole("heading", { level: 1, name: `Innstillinger for ${box.address}` })).toBeVisible();
  await page.getByRole("button", { name: "Logg ut" }).click();
  await logIn(page, box.address, recovery);
  await expect(alertIn(page)).toHaveText("Koden stemmer ikke, eller er allerede brukt. Vent på neste kode og prøv igjen.");

  // Off again: the password and a current code.
  await moveClock(request, 120_000);
  await page.getByLabel("Kode fra autentiseringsappen").fill(await codeNow(secret));
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByText("Totrinnsinnlogging er på.")).toBeVisible();
  await moveClock(request, 150_000);
  await page.locator("#disable-two-factor").getByLabel("Nåværende passord").fill(TEST_PASSWORD);
  await page.locator("#disable-two-factor").getByLabel("Kode fra autentiseringsappen").fill(await codeNow(secret));
  await page.getByRole("button", { name: "Slå av" }).click();
  await expect(page.getByText("Totrinnsinnlogging er av.", { exact: false })).toBeVisible();
  expect(await db.outgoingMail.count({ where: { to: box.address, subject: { contains: "Totrinnsinnlogging" } } })).toBe(2);
});
