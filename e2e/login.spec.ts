import { test, expect, login, expectAccessible, alertIn, TEST_PASSWORD, logout } from "./fixtures";
import en from "@/lib/i18n/en";
import nb from "@/lib/i18n/nb";

test.describe("customer login", () => {
  test("the public pages are accessible", async ({ page, expectedConsoleErrors }) => {
    expectedConsoleErrors.push(/status of 404/);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("E-post fra");
    await expectAccessible(page);
    await page.goto("/om-tjenesten");
    await expect(page.getByRole("heading", { level: 1, name: "Om e-posttjenesten" })).toBeVisible();
    await expectAccessible(page);
    await page.goto("/finnes-ikke");
    await expect(page.getByRole("heading", { level: 1, name: "Fant ikke siden" })).toBeVisible();
    await expectAccessible(page);
  });

  test("a wrong password gets a generic message; the right one signs in; logout ends the session", async ({
    page,
    customer,
    context,
    expectedConsoleErrors,
  }) => {
    // next-auth answers a failed credentials login with 401, which Chromium logs.
    expectedConsoleErrors.push(/status of 401/);
    await page.goto("/logg-inn");
    await expectAccessible(page);
    await page.getByLabel("Kundenummer eller e-postadresse").fill(customer.customerNumber);
    await page.getByLabel("Passord", { exact: true }).fill("feil-passord-123");
    await page.getByRole("button", { name: "Logg inn" }).click();
    await expect(alertIn(page)).toHaveText("Feil kundenummer, e-postadresse eller passord. Prøv igjen.");
    await expectAccessible(page);

    await login(page, customer.email);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === "__Secure-next-auth.session-token");
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax" });

    await logout(page);
    // The old JWT is dead on the server even if someone kept a copy of it.
    await context.addCookies([{ ...session!, expires: -1 }]);
    await page.goto("/mine-sider/internett/e-postkontoer");
    await expect(page).toHaveURL(/\/logg-inn$/);
  });

  test("works with the keyboard alone", async ({ page, customer }) => {
    await page.goto("/logg-inn");
    await page.getByLabel("Kundenummer eller e-postadresse").focus();
    await page.keyboard.type(customer.customerNumber);
    await page.keyboard.press("Tab");
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: "E-postkontoer" })).toBeVisible();
  });

  test("Mine sider needs a login", async ({ page }) => {
    await page.goto("/mine-sider/internett/e-postkontoer");
    await expect(page).toHaveURL(/\/logg-inn$/);
  });

  test("English is one click away", async ({ page, customer }) => {
    await login(page, customer.customerNumber);
    await page.getByRole("button", { name: "Switch to English" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "E-mail accounts" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page).toHaveTitle(`${en.titles.mailboxes} · ${en.app.name}`);
    await expectAccessible(page);
    // Every page's title follows the language too (issue 15), not only its text.
    for (const [path, title] of [
      ["/mine-sider/internett/e-postkontoer/ny", en.titles.newMailbox],
      ["/mine-sider/profil/passord", en.titles.ownPassword],
      ["/mine-sider/profil/totrinn", en.titles.enrolment],
      ["/mine-sider/fakturaer", en.titles.invoices],
      ["/hjelp/oppsett", en.titles.setup],
      ["/hjelp/vedlegg", en.titles.attachments],
      ["/hjelp/returmelding", en.titles.bounce],
      ["/om-tjenesten", en.about.title],
    ] as const) {
      await page.goto(path);
      await expect(page).toHaveTitle(`${title} · ${en.app.name}`);
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await expectAccessible(page);
    }
    await page.getByRole("button", { name: "Bytt til norsk" }).click();
    await expect(page.getByRole("heading", { level: 1, name: nb.about.title })).toBeVisible();
    await expect(page).toHaveTitle(`${nb.about.title} · ${nb.app.name}`);
  });
});

test("changing one's own password logs out every other browser, and keeps this one", async ({ page, customer, browser }) => {
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await login(otherPage, customer.customerNumber);
  await login(page, customer.customerNumber);

  await page.getByRole("link", { name: "Passord og innlogging" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Passord og innlogging" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Nåværende passord").fill("feil-passord");
  await page.getByLabel("Nytt passord", { exact: true }).fill("havbris-og-måkeskrik");
  await page.getByLabel("Gjenta nytt passord").fill("havbris-og-måkeskrik");
  await page.getByRole("button", { name: "Endre passord" }).click();
  await expect(alertIn(page)).toContainText("Nåværende passord er feil.");

  await page.getByLabel("Nåværende passord").fill(TEST_PASSWORD);
  await page.getByLabel("Nytt passord", { exact: true }).fill("havbris-og-måkeskrik");
  await page.getByLabel("Gjenta nytt passord").fill("havbris-og-måkeskrik");
  await page.getByRole("button", { name: "Endre passord" }).click();
  await expect(page.getByRole("status")).toHaveText("Passordet er endret. Du er logget ut alle andre steder (1).");

  await otherPage.goto("/mine-sider/internett/e-postkontoer");
  await expect(otherPage).toHaveURL(/\/logg-inn$/);
  await page.goto("/mine-sider/internett/e-postkontoer");
  await expect(page.getByRole("heading", { level: 1, name: "E-postkontoer" })).toBeVisible();
  await other.close();
});
