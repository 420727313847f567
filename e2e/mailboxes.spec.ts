// What a customer does on Mine sider (R-ACC-1..5, R-LC-3), in Chromium, with axe on every page.
import { test, expect, login, expectAccessible, alertIn, createMailbox } from "./fixtures";
import { uniq } from "@/test/factories";

const LIST = "/mine-sider/internett/e-postkontoer";
const NEW_PASSWORD = "tindekrone-over-fjorden";

test("an empty customer sees the empty state and creates a first mailbox, fixing mistakes on the way", async ({ page, customer, db }) => {
  await login(page, customer.customerNumber);
  await expect(page.getByText("Du har ingen e-postkontoer ennå.")).toBeVisible();
  await expect(page.getByText("0 av 5 aktive kontoer")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Opprett ny e-postkonto" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Opprett ny e-postkonto" })).toBeVisible();
  await expectAccessible(page);

  const local = uniq("kari.");
  await page.getByLabel("Ønsket adresse").fill("postmaster");
  await page.getByRole("textbox", { name: "Visningsnavn" }).fill("Kari Nordmann");
  await page.getByLabel("Passord", { exact: true }).fill("password");
  await page.getByLabel("Gjenta passordet").fill("password");
  await page.getByRole("button", { name: "Opprett konto" }).click();
  const summary = alertIn(page);
  await expect(summary).toContainText("Adressen er ikke ledig.");
  await expect(summary).toContainText("blant de mest brukte");
  await expect(summary).toBeFocused();
  await expect(page.getByLabel("Ønsket adresse")).toHaveAttribute("aria-invalid", "true");
  // What was typed is kept (but never the password).
  await expect(page.getByRole("textbox", { name: "Visningsnavn" })).toHaveValue("Kari Nordmann");
  await expectAccessible(page);
  expect(await db.mailbox.count({ where: { customerId: customer.id } })).toBe(0);

  await page.getByLabel("Ønsket adresse").fill(local.toUpperCase());
  await page.getByLabel("Passord", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Gjenta passordet").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Opprett konto" }).click();
  await expect(page.getByRole("status")).toHaveText(`E-postkontoen ${local}@altibox.no er opprettet.`);
  await expect(page.getByRole("heading", { level: 2, name: `${local}@altibox.no` })).toBeVisible();
  await expect(page.getByText("1 av 5 aktive kontoer")).toBeVisible();
});

test("rename, display name and password on a mailbox's page", async ({ page, customer, db }) => {
  const box = await createMailbox(db, customer.id);
  await login(page, customer.customerNumber);
  await page.getByRole("link", { name: `Administrer ${box.address}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: box.address })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("textbox", { name: "Visningsnavn" }).fill("Familien Nordmann");
  await page.getByRole("button", { name: "Lagre visningsnavn" }).click();
  await expect(page.getByRole("status")).toHaveText("Visningsnavnet er endret.");
  await expect(page.getByText("Familien Nordmann")).toBeVisible();

  await page.getByRole("link", { name: `Administrer ${box.address}` }).click();
  await page.getByLabel("Nytt passord", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Gjenta nytt passord").fill(NEW_PASSWORD + "!");
  await page.getByRole("button", { name: "Endre passord" }).click();
  await expect(alertIn(page)).toContainText("Passordene er ikke like.");
  await page.getByLabel("Nytt passord", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Gjenta nytt passord").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Endre passord" }).click();
  await expect(page.getByRole("status")).toContainText("Passordet er endret.");

  const local = uniq("nytt.");
  await page.getByRole("link", { name: `Administrer ${box.address}` }).click();
  await page.getByLabel("Ny adresse").fill(local);
  await page.getByRole("button", { name: "Endre adresse" }).click();
  await expect(page.getByRole("status")).toHaveText(`Adressen er endret til ${local}@altibox.no.`);
  await expect(page.getByRole("heading", { level: 2, name: `${local}@altibox.no` })).toBeVisible();
  expect(await db.address.findUnique({ where: { address: box.address } })).toMatchObject({ retiredBecause: "RENAMED" });
});

test("delete asks for the address, spells out the consequences, and is final", async ({ page, customer, db, expectedConsoleErrors }) => {
  expectedConsoleErrors.push(/status of 404/);
  const box = await createMailbox(db, customer.id);
  await login(page, customer.customerNumber);
  await page.getByRole("link", { name: `Administrer ${box.address}` }).click();
  await page.getByRole("link", { name: "Slett kontoen …" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Slett ${box.address}` })).toBeVisible();
  await expect(page.getByText("Bredbåndsabonnementet ditt fortsetter som før.", { exact: false })).toBeVisible();
  await expect(page.getByText("Adressen kan aldri brukes igjen", { exact: false })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel(`Skriv adressen ${box.address} for å bekrefte`).fill("noe-annet@altibox.no");
  await page.getByRole("button", { name: "Slett kontoen for godt" }).click();
  await expect(alertIn(page)).toContainText("Skriv hele adressen nøyaktig");
  await expectAccessible(page);
  expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).status).toBe("ACTIVE");

  await page.getByLabel(`Skriv adressen ${box.address} for å bekrefte`).fill(box.address);
  await page.getByRole("button", { name: "Slett kontoen for godt" }).click();
  await expect(page.getByRole("status")).toHaveText(`E-postkontoen ${box.address} er slettet.`);
  await expect(page.getByRole("heading", { level: 2, name: "Slettede adresser" })).toBeVisible();
  await expect(page.getByText("0 av 5 aktive kontoer")).toBeVisible();
  // A deleted mailbox has no page to act on any more.
  await page.goto(`${LIST}/${box.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Fant ikke siden" })).toBeVisible();
});

test("a locked mailbox is restored inside its window; one past it cannot be", async ({ page, customer, db }) => {
  const day = 24 * 3600 * 1000;
  const locked = await createMailbox(db, customer.id, {
    status: "LOCKED",
    lockReason: "INACTIVITY",
    lockedAt: new Date(Date.now() - 20 * day),
  });
  const expired = await createMailbox(db, customer.id, {
    status: "LOCKED",
    lockReason: "INACTIVITY",
    lockedAt: new Date(Date.now() - 95 * day),
  });
  await login(page, customer.customerNumber);
  await expect(page.getByText("Sperret – kan gjenopprettes")).toBeVisible();
  await expect(page.getByText("Sperret – slettes snart")).toBeVisible();

  await page.getByRole("link", { name: `Administrer ${expired.address}` }).click();
  await expect(page.getByText("Fristen for å gjenopprette kontoen gikk ut.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Gjenopprett kontoen" })).toHaveCount(0);

  await page.goto(LIST);
  await page.getByRole("link", { name: `Administrer ${locked.address}` }).click();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Gjenopprett kontoen" }).click();
  await expect(page.getByRole("status")).toHaveText(`E-postkontoen ${locked.address} er gjenopprettet.`);
  await expect(page.getByText("1 av 5 aktive kontoer")).toBeVisible();
});

test("with five active mailboxes the create button gives way to an explanation", async ({ page, customer, db }) => {
  for (let i = 0; i < 5; i++) await createMailbox(db, customer.id);
  await login(page, customer.customerNumber);
  await expect(page.getByText("5 av 5 aktive kontoer")).toBeVisible();
  await expect(page.getByRole("link", { name: "Opprett ny e-postkonto" })).toHaveCount(0);
  await expect(page.getByText("Slett en konto for å opprette en ny.", { exact: false })).toBeVisible();
  await expectAccessible(page);
});

test("another customer's mailbox is not found, by page or by form", async ({ page, customer, db, expectedConsoleErrors }) => {
  expectedConsoleErrors.push(/status of 404/);
  const { createCustomer } = await import("@/test/factories");
  const other = await createCustomer(db);
  const theirs = await createMailbox(db, other.id);
  await login(page, customer.customerNumber);
  for (const path of [`${LIST}/${theirs.id}`, `${LIST}/${theirs.id}/slett`]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: "Fant ikke siden" })).toBeVisible();
    await expect(page.getByText(theirs.address)).toHaveCount(0);
    // Still signed in: the customer's own header, and the way back to their mailboxes.
    await expect(page.getByRole("button", { name: "Logg ut" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Tilbake" })).toHaveAttribute("href", LIST);
  }
  // A form of the customer's own mailbox, posted with the other customer's id.
  const mine = await createMailbox(db, customer.id);
  await page.goto(`${LIST}/${mine.id}`);
  await page.locator('#display-name input[name="mailboxId"]').evaluate((el, id) => ((el as HTMLInputElement).value = id), theirs.id);
  await page.getByRole("textbox", { name: "Visningsnavn" }).fill("Kapret");
  await page.getByRole("button", { name: "Lagre visningsnavn" }).click();
  await expect(alertIn(page)).toContainText("Fant ikke e-postkontoen.");
  expect((await db.mailbox.findUniqueOrThrow({ where: { id: theirs.id } })).displayName).toBe(theirs.displayName);
});

test("storage and the last login as the mail servers reported them, with when and how (R-PLAT-4)", async ({ page, customer, db }) => {
  const at = new Date(Date.now() - 2 * 3_600_000);
  const measured = await createMailbox(db, customer.id, { lastLoginAt: at });
  const fresh = await createMailbox(db, customer.id);
  // As Dovecot's quota_clone and the worker (from mail.logins) write them.
  await db.$executeRaw`INSERT INTO mail.usage (username, bytes, messages) VALUES (${measured.address}, 2500000000, 40)`;
  await db.loginEvent.create({ data: { mailboxId: measured.id, protocol: "POP3", at } });
  await login(page, customer.customerNumber);
  const item = (address: string) => page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: address }) });
  await expect(item(measured.address)).toContainText("2,5 GB av 15 GB brukt");
  await expect(item(measured.address)).toContainText("Målt ");
  await expect(item(measured.address)).toContainText("(POP)");
  await expect(item(fresh.address)).toContainText("Ikke målt ennå");
  await expect(item(fresh.address)).toContainText("Aldri");
  await expectAccessible(page);
});

test("the invoices page says what is true: included with broadband, or paid and invoiced next month", async ({ page, customer, db }) => {
  await login(page, customer.customerNumber);
  await page.goto("/mine-sider/fakturaer");
  await expect(page.getByText("Du har ingen fakturaer. E-post er inkludert i bredbåndet.")).toBeVisible();
  const box = await createMailbox(db, customer.id);
  await db.mailbox.update({ where: { id: box.id }, data: { plan: "PAID" } });
  await db.paidPeriod.create({ data: { mailboxId: box.id, customerId: customer.id, startsAt: new Date(), priceOre: 3900 } });
  await page.reload();
  await expect(page.getByText(/^Du har ingen fakturaer ennå\. Du betaler for 1 e-postkonto til 39,00\skr i måneden/)).toBeVisible();
  await expect(page.getByText("inkludert i bredbåndet")).toHaveCount(0);
  await expectAccessible(page);
});

test("at 5 of 5, a locked mailbox's restore is promised only once there is room (R-ACC-2, R-LC-3)", async ({ page, customer, db }) => {
  for (let i = 0; i < 5; i++) await createMailbox(db, customer.id);
  const locked = await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: new Date() });
  await login(page, customer.customerNumber);
  const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: locked.address }) });
  await expect(item).toContainText("når du har færre enn 5 aktive kontoer");
  await expectAccessible(page);
});
