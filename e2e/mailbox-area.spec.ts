// The mailbox user's own area (issue 4): a login of its own kind, status and limits, password.
import { test, expect, login, expectAccessible, alertIn, createMailbox, TEST_PASSWORD, logout, mailboxLogin } from "./fixtures";
import { formatDate } from "@/lib/i18n/format";
import { addCalendarDays } from "@/lib/lifecycle/calendar";
import { lockDueAt } from "@/lib/lifecycle/rules";

const NEW = "måkeskrik-over-moloen";

test("a mailbox user logs in, sees the mailbox, changes the password, and the login counts", async ({ page, customer, db }) => {
  const box = await createMailbox(db, customer.id, { lastLoginAt: null });
  await page.goto("/e-post/logg-inn");
  await expectAccessible(page);
  await mailboxLogin(page, box.address);
  await expectAccessible(page);
  await expect(page.getByText("Aktiv", { exact: true })).toBeVisible();
  // R-LC-4: this login keeps the mailbox alive.
  expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).lastLoginAt).not.toBeNull();

  await page.getByLabel("Nåværende passord").fill(TEST_PASSWORD);
  await page.getByLabel("Nytt passord", { exact: true }).fill(NEW);
  await page.getByLabel("Gjenta nytt passord").fill(NEW + "x");
  await page.getByRole("button", { name: "Endre passord" }).click();
  await expect(alertIn(page)).toContainText("Passordene er ikke like.");
  await expectAccessible(page);
  await page.getByLabel("Nåværende passord").fill(TEST_PASSWORD);
  await page.getByLabel("Nytt passord", { exact: true }).fill(NEW);
  await page.getByLabel("Gjenta nytt passord").fill(NEW);
  await page.getByRole("button", { name: "Endre passord" }).click();
  await expect(page.getByRole("status")).toContainText("Passordet er endret.");

  await logout(page);
  await mailboxLogin(page, box.address, NEW);
});

test("a mailbox session never opens Mine sider, and a customer session never opens a mailbox's settings", async ({
  page,
  customer,
  db,
  context,
}) => {
  const box = await createMailbox(db, customer.id);
  await mailboxLogin(page, box.address);
  await page.goto("/mine-sider/internett/e-postkontoer");
  await expect(page).toHaveURL(/\/logg-inn$/);

  await context.clearCookies();
  await login(page, customer.customerNumber);
  await page.goto("/e-post/innstillinger");
  await expect(page).toHaveURL(/\/e-post\/logg-inn$/);
});

test("the mailbox's user and its owner see the same standing and the same lock date (one read model)", async ({
  page,
  customer,
  db,
  browser,
}) => {
  const box = await createMailbox(db, customer.id);
  await mailboxLogin(page, box.address);
  // While the user's page is open, the mailbox is found long unused and warned: its last login
  // goes back five and a half months, and the first warning (R-LC-2) was delivered on time.
  const lastLoginAt = addCalendarDays(new Date(), -170);
  await db.mailbox.update({ where: { id: box.id }, data: { lastLoginAt, cycleStartedAt: lastLoginAt } });
  const lock = lockDueAt({ ...box, lastLoginAt, cycleStartedAt: lastLoginAt });
  const warnedAt = addCalendarDays(lock, -14);
  await db.notice.create({
    data: { mailboxId: box.id, kind: "LOCK_WARNING_14", cycle: lock, deadline: lock, queuedAt: warnedAt, deliveredAt: warnedAt },
  });
  const detail = `Ingen har logget inn på lenge. Kontoen sperres ${formatDate(lock, "nb")} hvis ingen logger inn.`;

  await page.reload();
  await expect(page.getByText("Aktiv – sperres snart", { exact: true })).toBeVisible();
  await expect(page.getByText(detail, { exact: true })).toBeVisible();
  await expectAccessible(page);

  const owner = await (await browser.newContext()).newPage();
  await login(owner, customer.customerNumber);
  const row = owner.getByRole("listitem").filter({ hasText: box.address });
  await expect(row.getByText("Aktiv – sperres snart", { exact: true })).toBeVisible();
  await expect(row.getByText(detail, { exact: true })).toBeVisible();
  await owner.context().close();
});

test("app passwords: made once, listed with their use, deleted; the owner sees how many (R-SEC-6)", async ({ page, customer, db }) => {
  const box = await createMailbox(db, customer.id);
  await page.goto("/e-post/logg-inn");
  await mailboxLogin(page, box.address);
  const section = page.locator("#apppassord");
  await expect(section.getByText("Du har ingen apppassord.")).toBeVisible();

  // By keyboard: an empty name is refused next to the field.
  await section.getByLabel("Hva skal det brukes til?").focus();
  await page.keyboard.press("Enter");
  await expect(alertIn(page)).toContainText("Skriv hva apppassordet skal brukes til.");
  await expectAccessible(page);

  await section.getByLabel("Hva skal det brukes til?").fill("Telefon");
  await section.getByRole("button", { name: "Lag apppassord" }).click();
  const shown = section.getByTestId("app-password");
  await expect(shown).toHaveText(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  const password = (await shown.textContent())!;
  await expect(section.getByRole("heading", { name: "Apppassordet for «Telefon»" })).toBeVisible();
  await expectAccessible(page);
  // Shown once: neither the page nor the database holds it afterwards.
  await section.getByRole("link", { name: "Ferdig" }).click();
  await expect(section.getByRole("cell", { name: "Telefon", exact: true })).toBeVisible();
  await expect(section.getByRole("cell", { name: "Ikke brukt ennå" })).toBeVisible();
  expect(await page.content()).not.toContain(password);
  expect(JSON.stringify(await db.appPassword.findMany({ where: { mailboxId: box.id } }))).not.toContain(password);
  await expectAccessible(page);

  // The owner sees that there is one, not the password.
  const owner = await page.context().browser()!.newPage();
  await login(owner, customer.customerNumber);
  await expect(owner.getByText("1 apppassord")).toBeVisible();
  await owner.close();

  await section.getByRole("button", { name: "Slett apppassordet «Telefon»" }).click();
  await expect(page.getByRole("status")).toContainText("Apppassordet «Telefon» er slettet.");
  await expect(section.getByText("Du har ingen apppassord.")).toBeVisible();
  await expectAccessible(page);
});
