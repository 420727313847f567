// When broadband ends, in Chromium (issue 6, R-PAY-2..5, R-TR-1..2): a partner reports it, the
// offers arrive by e-mail, the customer keeps one mailbox and ignores the other; the clock passes
// the deadline and the ignored one closes; the order confirmation and the first invoice arrive
// with the right lines and sums. Then a move into a customer with 5 mailboxes is refused, and
// approved once the receiver has deleted one. Moves the shared clock, so it runs after the rest.
import { test, expect, expectAccessible, alertIn, createMailbox, login, moveClock, runJob, until } from "./fixtures";
import { createCustomer } from "@/test/factories";
import { E2E } from "./config";
import { monthBounds } from "@/lib/billing/rules";
import { osloDate } from "@/lib/lifecycle/calendar";

const nbsp = (s: string) => s.replace(/\u00a0/g, " ");

test.afterEach(async ({ request }) => {
  await moveClock(request, new Date());
});

test("broadband ends: one mailbox kept on the paid plan, the other closed at the deadline, invoice by e-mail", async ({
  page,
  request,
  customer,
  db,
}) => {
  const kept = await createMailbox(db, customer.id);
  const ignored = await createMailbox(db, customer.id);
  const mailTo = (address: string, fragment: string) =>
    until(() => db.sinkMessage.findFirst({ where: { to: { has: address }, subject: { contains: fragment } } }));

  // The partner's system reports the end (a wrong token is refused first).
  const event = {
    id: `e2e-${customer.customerNumber}`,
    customerNumber: customer.customerNumber,
    status: "ended",
    effectiveDate: osloDate(new Date()),
  };
  expect(
    (await request.post("/api/partner/broadband", { data: { events: [event] }, headers: { authorization: "Bearer feil" } })).status(),
  ).toBe(401);
  const answer = await request.post("/api/partner/broadband", {
    data: { events: [event] },
    headers: { authorization: `Bearer ${E2E.partnerToken}` },
  });
  expect(await answer.json()).toEqual({ results: [{ index: 0, id: event.id, outcome: "accepted" }] });
  await runJob(db, "deliver_mail");
  await mailTo(kept.address, "39,00");
  await mailTo(ignored.address, "39,00");
  await mailTo(customer.email, "Bredbåndet er avsluttet");

  // Mine sider shows both offers; the customer keeps one, after confirming.
  await login(page, customer.customerNumber);
  const offers = page.getByRole("region", { name: "Bredbåndet ditt er avsluttet" });
  await expect(offers.getByRole("listitem")).toHaveCount(2);
  await expect(page.getByRole("link", { name: "Opprett ny e-postkonto" })).toHaveCount(0);
  await expectAccessible(page);
  await offers.getByRole("link", { name: new RegExp(`^Behold ${kept.address}`) }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Behold e-postkontoen" })).toBeVisible();
  await expect(page.getByText("39,00 kr per måned")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Bestill" }).click();
  await expect(alertIn(page)).toContainText("Kryss av for at du vil bestille.");
  await page.getByLabel(`Jeg bestiller e-post for ${kept.address} til 39,00 kr i måneden`).check();
  await page.getByRole("button", { name: "Bestill" }).click();
  await expect(page.getByRole("status")).toContainText(`Bestilt: ${kept.address} beholdes`);
  await expect(offers.getByRole("listitem")).toHaveCount(1);
  const acceptedAt = new Date();

  // The order confirmation lists exactly the plan.
  await runJob(db, "deliver_mail");
  const order = await mailTo(customer.email, "Ordrebekreftelse");
  expect(nbsp(order.text)).toContain(`E-postkonto ${kept.address}: 39,00 kr per måned`);
  expect(order.text).not.toContain(ignored.address);

  // Past the deadline: the ignored mailbox closes, and says it can still be kept.
  await moveClock(request, new Date(Date.now() + 31 * 86_400_000));
  await runJob(db, "paid_plan_deadlines");
  await mailTo(ignored.address, "er stengt");
  // A month on, the session has long expired: log in again.
  await login(page, customer.customerNumber);
  await expect(offers.getByText("Stengt – kan fortsatt beholdes til", { exact: false })).toBeVisible();
  expect(await db.mailbox.findUniqueOrThrow({ where: { id: ignored.id } })).toMatchObject({
    status: "LOCKED",
    lockReason: "BROADBAND_ENDED",
  });

  // The first invoice: the month of the order, from that day to the month's end.
  const month = osloDate(acceptedAt).slice(0, 7);
  await runJob(db, "monthly_invoices", { month });
  const invoiceMail = await mailTo(customer.email, "Faktura");
  const daysInMonth = monthBounds(month).days;
  const days = daysInMonth - Number(osloDate(acceptedAt).slice(8)) + 1;
  const amount = (Math.round((3900 * days) / daysInMonth) / 100).toFixed(2).replace(".", ",");
  expect(nbsp(invoiceMail.text)).toContain(`(${days} av ${daysInMonth} dager): ${amount} kr`);
  expect(nbsp(invoiceMail.text)).toContain(`Å betale: ${amount} kr`);
  expect(invoiceMail.text).not.toContain(ignored.address);
  await page.getByRole("link", { name: "Fakturaer" }).click();
  await expect(page.getByRole("cell", { name: nbsp(`${amount} kr`) }).first()).toBeVisible();
  await expectAccessible(page);
});

test("a move into a customer with 5 mailboxes is refused, and approved once the receiver deletes one", async ({ page, browser, db }) => {
  const owner = await createCustomer(db);
  const receiver = await createCustomer(db);
  const moving = await createMailbox(db, owner.id);
  const theirs = [];
  for (let i = 0; i < 5; i++) theirs.push(await createMailbox(db, receiver.id));

  await login(page, owner.customerNumber);
  await page.goto(`/mine-sider/internett/e-postkontoer/${moving.id}`);
  const form = page.locator("#move");
  await form.getByLabel("Mottakerens kundenummer").fill(receiver.customerNumber);
  await form.getByLabel("Mottakerens e-postadresse", { exact: false }).fill("feil@example.test");
  await form.getByRole("button", { name: "Send forespørsel" }).click();
  await expect(alertIn(page)).toContainText("Fant ingen kunde med det kundenummeret og den e-postadressen.");
  await form.getByLabel("Mottakerens e-postadresse", { exact: false }).fill(receiver.email);
  await form.getByRole("button", { name: "Send forespørsel" }).click();
  await expect(page.getByRole("status")).toHaveText("Forespørselen er sendt. Mottakeren har fått e-post.");
  await expect(page.getByText("Venter på svar fra mottakeren til", { exact: false })).toBeVisible();
  await expectAccessible(page);

  // The receiver, in another browser: refused at 5, with the two ways out.
  const theirContext = await browser.newContext();
  const theirPage = await theirContext.newPage();
  await login(theirPage, receiver.customerNumber);
  const incoming = theirPage.getByRole("region", { name: "Noen vil gi deg en e-postkonto" });
  await expect(incoming).toContainText(moving.address);
  await expectAccessible(theirPage);
  await incoming.getByRole("button", { name: "Godta" }).click();
  await expect(incoming.getByRole("alert")).toContainText("Du har allerede 5 aktive e-postkontoer");
  expect((await db.mailbox.findUniqueOrThrow({ where: { id: moving.id } })).customerId).toBe(owner.id);

  // They delete one of theirs, and accept again.
  await theirPage.goto(`/mine-sider/internett/e-postkontoer/${theirs[0]!.id}/slett`);
  await theirPage.getByLabel("Skriv adressen", { exact: false }).fill(theirs[0]!.address);
  await theirPage.getByRole("button", { name: "Slett kontoen for godt" }).click();
  await expect(theirPage.getByRole("status")).toContainText("er slettet");
  await incoming.getByRole("button", { name: "Godta" }).click();
  await expect(theirPage.getByRole("status")).toHaveText(`${moving.address} er nå din.`);
  await expect(theirPage.getByRole("heading", { level: 2, name: moving.address })).toBeVisible();
  expect((await db.mailbox.findUniqueOrThrow({ where: { id: moving.id } })).customerId).toBe(receiver.id);
  await theirContext.close();
});
