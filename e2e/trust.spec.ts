// What a new user hit in issue 18, each in the browser: the mailbox page has every fact and every
// section one link away (also by keyboard); `/ny` at 5 of 5 says so first and offers the ways out;
// help pages and the service page keep the visitor's frame and language; the guides say where
// *this* reader's Apple profile is, and the owner can download it; the brand's mark is the favicon.
import { readFileSync } from "node:fs";
import { test, expect, expectAccessible, createMailbox, login, mailboxLogin } from "./fixtures";
import { createCustomer } from "@/test/factories";
import en from "@/lib/i18n/en";
import nb from "@/lib/i18n/nb";
import { POLICY } from "@/lib/policy";

const LIST = "/mine-sider/internett/e-postkontoer";

test("the mailbox page shows every fact on top and reaches each section by a link, by keyboard too", async ({ page, customer, db }) => {
  const box = await createMailbox(db, customer.id);
  await db.$executeRaw`INSERT INTO mail.usage (username, bytes, messages) VALUES (${box.address}, 2500000000, 10)`;
  await login(page, customer.customerNumber);
  await page.goto(`${LIST}/${box.id}`);
  const summary = page.getByRole("region", { name: "Oversikt" });
  for (const term of ["Status", "Abonnement", "Sist innlogget", "Totrinns", "Lagring"]) {
    await expect(summary.getByRole("term").filter({ hasText: new RegExp(`^${term}$`) })).toBeVisible();
  }
  await expect(summary).toContainText("Aktiv");
  await expect(summary).toContainText("Inkludert i bredbånd");
  await expect(summary).toContainText("2,5 GB av 15 GB brukt");
  await expect(summary).toContainText(/Logg inn før \d+\. \w+ \d{4} for å holde kontoen aktiv\./);

  const nav = page.getByRole("navigation", { name: "På denne siden" });
  await expect(nav.getByRole("link")).toHaveText(["Innlogging og sikkerhet", "Adresse og navn", "Flytt", "Slett"]);
  // Destructive last, on the page as in the menu.
  const headings = await page.getByRole("main").getByRole("heading", { level: 2 }).allInnerTexts();
  expect(headings.at(-1)).toBe("Slett kontoen");
  // Keyboard only: focus the menu's last link and follow it.
  await nav.getByRole("link", { name: "Slett" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#slett$/);
  await expect(page.getByRole("region", { name: "Slett kontoen" })).toBeInViewport();
  await expectAccessible(page);
});

test(`at ${POLICY.mailboxes.maxActivePerCustomer} of ${POLICY.mailboxes.maxActivePerCustomer}, /ny says so first and offers deleting or moving instead of the form`, async ({
  page,
  customer,
  db,
}) => {
  const boxes = [];
  for (let i = 0; i < POLICY.mailboxes.maxActivePerCustomer; i++) boxes.push(await createMailbox(db, customer.id));
  await login(page, customer.customerNumber);
  await page.goto(`${LIST}/ny`);
  await expect(page.getByRole("heading", { level: 2, name: "Du har 5 av 5 aktive kontoer" })).toBeVisible();
  await expect(page.getByLabel("Ønsket adresse")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Opprett konto" })).toHaveCount(0);
  await expectAccessible(page);
  const first = boxes[0]!;
  await page.getByRole("link", { name: `Flytt ${first.address}` }).click();
  await expect(page).toHaveURL(new RegExp(`${first.id}#flytt$`));
  await expect(page.getByRole("region", { name: "Flytt kontoen til en annen eier" })).toBeInViewport();
  await page.goBack();
  await page.getByRole("link", { name: `Slett ${first.address}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Slett ${first.address}` })).toBeVisible();
});

test("help pages and the service page keep a signed-in customer's header and footer, in one language", async ({ page, customer }) => {
  await login(page, customer.customerNumber);
  for (const path of ["/hjelp/oppsett", "/hjelp/oppsett/thunderbird", "/hjelp/vedlegg", "/hjelp/returmelding", "/om-tjenesten"]) {
    await page.goto(path);
    await expect(page.getByRole("navigation", { name: nb.app.mainNav }).getByRole("link", { name: "E-postkontoer" }), path).toBeVisible();
    await expect(page.getByRole("button", { name: "Logg ut" }), path).toBeVisible();
    await expect(page.getByRole("contentinfo"), path).toBeVisible();
    // The brand's link leads home: the customer's mailboxes, not the front page.
    await expect(page.getByRole("banner").getByRole("link", { name: /Altibox/ })).toHaveAttribute("href", LIST);
  }
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: en.about.title })).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText(nb.about.title);
  await expect(page.locator("main [lang]")).toHaveCount(0);
  await expectAccessible(page);
});

test("Thunderbird's automatic set-up links to the Thunderbird guide", async ({ request }) => {
  const config = await (await request.get("/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=kari%40altibox.no")).text();
  expect(config).toMatch(/<documentation url="http:\/\/localhost:\d+\/hjelp\/oppsett\/thunderbird">/);
});

test("the guides say where this reader's Apple profile is, and the owner downloads it from Mine sider", async ({
  page,
  browser,
  customer,
  db,
}) => {
  const box = await createMailbox(db, customer.id);
  const where = page.getByRole("region", { name: "Hvor finner jeg profilen?" });

  // A visitor: both ways, each with its login.
  await page.goto("/hjelp/oppsett/iphone");
  await expect(where).toContainText(nb.guides.profileWhere.visitor);
  await expect(where.getByRole("link", { name: "Logg inn på Mine sider" })).toBeVisible();
  await expect(where.getByRole("link", { name: "Logg inn med e-postadressen" })).toBeVisible();
  await expectAccessible(page);

  // The owner: on Mine sider, where the download is.
  await login(page, customer.customerNumber);
  await page.goto("/hjelp/oppsett/apple-mail-mac");
  await expect(where).toContainText(nb.guides.profileWhere.customer);
  await where.getByRole("link", { name: "Gå til e-postkontoene" }).click();
  await page.getByRole("link", { name: `Administrer ${box.address}` }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Last ned oppsett for iPhone, iPad og Mac" }).click();
  const profile = readFileSync((await (await download).path())!, "utf8");
  expect(profile).toContain(`<string>${box.address}</string>`);
  // Another customer's mailbox is not theirs to download.
  const other = await createMailbox(db, (await createCustomer(db)).id);
  expect((await page.request.get(`${LIST}/${other.id}/profil.mobileconfig`)).status()).toBe(404);

  // The mailbox user: in the mailbox's own settings.
  const context = await browser.newContext();
  const userPage = await context.newPage();
  await mailboxLogin(userPage, box.address);
  await userPage.goto("/hjelp/oppsett");
  await expect(userPage.getByRole("region", { name: "Hvor finner jeg profilen?" })).toContainText(nb.guides.profileWhere.mailbox);
  await context.close();
});

test("the brand's mark is the favicon, the home-screen icon and the header's logo; robots stay out of accounts", async ({
  page,
  request,
}) => {
  for (const path of ["/favicon.svg", "/favicon.ico"]) {
    const icon = await request.get(path);
    expect(icon.status(), path).toBe(200);
    expect(icon.headers()["content-type"]).toContain("image/svg+xml");
    expect(await icon.text()).toContain(`fill:${POLICY.mail.defaultBrandColor}`);
  }
  const apple = await request.get("/apple-icon");
  expect(apple.headers()["content-type"]).toBe("image/png");
  expect((await apple.body()).subarray(1, 4).toString()).toBe("PNG");
  const manifest = await (await request.get("/manifest.webmanifest")).json();
  expect(manifest).toMatchObject({ theme_color: POLICY.mail.defaultBrandColor, name: `${POLICY.mail.defaultBrand} · Mine sider e-post` });
  expect(await (await request.get("/robots.txt")).text()).toContain("Disallow: /mine-sider/");
  await page.goto("/");
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", "/favicon.svg");
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute("href", /\/apple-icon/);
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  await expect(page.getByRole("banner").locator('img[src="/favicon.svg"]')).toHaveAttribute("alt", "");
});
