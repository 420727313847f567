// What the key pages look like (issue 18): screenshots at a phone and a desktop width, in bokmål and
// English, compared with the ones checked in (e2e/__screenshots__). The data is the same every run
// (fixed names, fixed dates on the portal's test clock) and the fonts ship with the portal, so a
// difference is a change. `npm run test:visual:update` writes new ones after a deliberate change.
// Every page is also checked by axe in light and dark (prefers-color-scheme), for the brand's colours.
import type { Page } from "@playwright/test";
import { test, expect, expectAccessible, moveClock, enrolDirectly, createMailbox, login, agentLogin } from "./fixtures";
import { createAgent, createCustomer } from "@/test/factories";
import { POLICY } from "@/lib/policy";
import { LOCALE_COOKIE } from "@/lib/i18n/catalogues";
import type { Db } from "@/lib/db";
import { E2E } from "./config";

// Tuesday 9 March 2027, 10:00 in Oslo: after anything the lifecycle project moved the clock to.
const T0 = new Date("2027-03-09T09:00:00Z");
const daysBefore = (n: number) => new Date(T0.getTime() - n * 86_400_000);
let clockOffset = 0;
const serverNow = () => Date.now() + clockOffset;

// One at a time (the clock is shared), and back to the present for the projects after this one.
test.describe.configure({ mode: "serial" });
test.beforeEach(async ({ request }) => {
  clockOffset = T0.getTime() - Date.now();
  await moveClock(request, T0);
});
test.afterEach(async ({ request }) => {
  await moveClock(request, new Date());
});

/** One customer with three mailboxes and a paid invoice, named for this width and language. */
async function makeWorld(db: Db, tag: string, n: number) {
  const customer = await createCustomer(db, {
    customerNumber: `9${String(n).padStart(2, "0")}000001`,
    name: "Kari Nordmann",
    email: `kari.${tag}@example.test`,
  });
  // Created a day apart: the list's order is by creation.
  const dates = (age: number) => ({ createdAt: daysBefore(age), cycleStartedAt: daysBefore(400) });
  const kari = await createMailbox(db, customer.id, { address: `kari.${tag}@altibox.no`, lastLoginAt: daysBefore(2), ...dates(402) });
  const ola = await createMailbox(db, customer.id, { address: `ola.${tag}@altibox.no`, lastLoginAt: daysBefore(40), ...dates(401) });
  await db.mailbox.update({ where: { id: ola.id }, data: { plan: "PAID", displayName: "Ola Nordmann" } });
  await db.mailbox.update({ where: { id: kari.id }, data: { displayName: "Kari Nordmann" } });
  await createMailbox(db, customer.id, {
    address: `gammel.${tag}@altibox.no`,
    status: "LOCKED",
    lockReason: "INACTIVITY",
    lockedAt: daysBefore(20),
    lastLoginAt: daysBefore(210),
    ...dates(400),
  });
  await db.address.updateMany({ where: { mailboxId: { in: [kari.id, ola.id] } }, data: { issuedAt: daysBefore(402) } });
  await db.loginEvent.createMany({
    data: [
      { mailboxId: kari.id, protocol: "IMAP", at: daysBefore(2) },
      { mailboxId: ola.id, protocol: "SMTP", at: daysBefore(40) },
    ],
  });
  // Storage as Dovecot reports it, measured an hour before T0 (the trigger would stamp now()).
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
    for (const [box, bytes] of [
      [kari, 3_200_000_000],
      [ola, 12_400_000_000],
    ] as const) {
      await tx.$executeRaw`INSERT INTO mail.usage (username, bytes, messages, mailbox_id, measured_at)
        VALUES (${box.address}, ${bytes}, 1200, ${box.id}::uuid, ${new Date(T0.getTime() - 3_600_000)})`;
    }
  });
  await db.invoice.create({
    data: {
      number: 700_000 + n,
      customerId: customer.id,
      month: "2027-02",
      totalOre: POLICY.paidPlan.monthlyPriceOre,
      dueAt: new Date("2027-03-20T11:00:00Z"),
      lines: {
        create: {
          mailboxId: ola.id,
          address: ola.address,
          fromDate: "2027-02-01",
          toDate: "2027-02-28",
          days: 28,
          daysInMonth: 28,
          amountOre: POLICY.paidPlan.monthlyPriceOre,
        },
      },
    },
  });
  const agent = await createAgent(db, "AGENT", { name: "Siri Kundeservice", email: `siri.${tag}@kundeservice.test` });
  const agentSecret = await enrolDirectly(db, { kind: "AGENT", agentId: agent.id, role: "AGENT" }, daysBefore(1));
  return { customer, kari, ola, agent, agentSecret };
}

/** The page as it looks (and in dark, if asked), then axe in light and in dark. */
async function shoot(page: Page, name: string, { mask = [], dark = false }: { mask?: string[]; dark?: boolean } = {}) {
  const options = { fullPage: true, mask: mask.map((s) => page.locator(s)) };
  await page.evaluate(() => document.fonts.ready);
  await expect(page).toHaveScreenshot(`${name}.png`, options);
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: "dark" });
  if (dark) await expect(page).toHaveScreenshot(`${name}-dark.png`, options);
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: "light" });
}

for (const lang of ["nb", "en"] as const) {
  test(`the key pages look as they did (${lang})`, async ({ page, db, expectedConsoleErrors }, testInfo) => {
    // The agent login's first step answers 401 until the code is given.
    expectedConsoleErrors.push(/status of 401/);
    const width = testInfo.project.name.replace("visual-", "");
    const tag = `${width[0]}${lang}`;
    const world = await makeWorld(db, tag, (width === "phone" ? 10 : 20) + (lang === "en" ? 1 : 0));
    await login(page, world.customer.customerNumber);
    await page.context().addCookies([{ name: LOCALE_COOKIE, value: lang, url: E2E.baseUrl }]);
    const list = "/mine-sider/internett/e-postkontoer";

    await page.goto(list);
    await shoot(page, `${width}-${lang}-list`);
    await page.goto(`${list}/${world.kari.id}`);
    await shoot(page, `${width}-${lang}-mailbox`, { dark: true });
    await page.goto(`${list}/ny`);
    await shoot(page, `${width}-${lang}-create`);
    await page.goto(`${list}/${world.ola.id}/slett`);
    await shoot(page, `${width}-${lang}-delete`);
    await page.goto("/mine-sider/fakturaer");
    await shoot(page, `${width}-${lang}-invoices`);
    // A new secret every time: its QR code and key are masked, their place and size are not.
    await page.goto("/mine-sider/profil/totrinn");
    await shoot(page, `${width}-${lang}-two-factor`, { mask: ["main img", "#totp-key"] });

    await page.context().clearCookies();
    // The code for the portal's clock, not this machine's.
    await agentLogin(page, world.agent.email, world.agentSecret, serverNow());
    await page.context().addCookies([{ name: LOCALE_COOKIE, value: lang, url: E2E.baseUrl }]);
    await page.goto(`/admin/e-postkontoer/${world.kari.id}`);
    await shoot(page, `${width}-${lang}-admin-mailbox`);
  });
}
