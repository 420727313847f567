// The admin view in Chromium (issue 5, R-ADM-1, R-ADM-2, R-LC-3, R-ACC-3): an agent logs in with
// 2FA, searches, opens a locked mailbox, restores it with a reason, sees it in the timeline and
// the audit log (and its CSV), is refused on a stale page, finds no way to restore a deleted
// mailbox; customer and mailbox sessions get nothing from any admin route. Axe on every page.
import {
  test,
  expect,
  expectAccessible,
  alertIn,
  agentLogin,
  createMailbox,
  enrolDirectly,
  login,
  TEST_PASSWORD,
  logout,
} from "./fixtures";
import { createAgent } from "@/test/factories";
import { lockDueAt } from "@/lib/lifecycle/rules";

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

test("an agent finds a locked mailbox, restores it with a reason, and sees it in the timeline and the log", async ({
  page,
  customer,
  db,
  expectedConsoleErrors,
}) => {
  expectedConsoleErrors.push(/status of 401/);
  const agent = await createAgent(db);
  const secret = await enrolDirectly(db, { kind: "AGENT", agentId: agent.id, role: "AGENT" });
  const tag = `sperret${Date.now().toString(36)}`;
  const locked = await createMailbox(db, customer.id, {
    address: `${tag}@altibox.no`,
    status: "LOCKED",
    lockReason: "INACTIVITY",
    lockedAt: daysAgo(20),
  });
  const deleted = await createMailbox(db, customer.id, { address: `${tag}.slettet@altibox.no`, status: "DELETED" });
  await db.loginEvent.create({ data: { mailboxId: locked.id, protocol: "IMAP", at: daysAgo(200) } });

  await agentLogin(page, agent.email, secret);
  await expectAccessible(page);

  // Too short, then a part of the address: both mailboxes, the deleted one too.
  await page.getByLabel("Søk", { exact: true }).fill("ab");
  await page.getByRole("button", { name: "Søk" }).click();
  await expect(page.getByText("Skriv minst 3 tegn")).toBeVisible();
  await page.getByLabel("Søk", { exact: true }).fill(tag.toUpperCase());
  await page.getByRole("button", { name: "Søk" }).click();
  const results = page.getByRole("region", { name: `Treff på «${tag.toUpperCase()}»` });
  await expect(results.getByRole("link", { name: locked.address })).toBeVisible();
  await expect(results.getByRole("link", { name: deleted.address })).toBeVisible();
  await expectAccessible(page);

  await results.getByRole("link", { name: locked.address }).click();
  await expect(page.getByRole("heading", { level: 1, name: locked.address })).toBeVisible();
  await expect(page.getByText("Ikke brukt på seks måneder")).toBeVisible();
  await expect(page.getByText("IMAP:")).toBeVisible();
  await expectAccessible(page);

  // No reason: refused, nothing changes. With a reason: restored.
  const restore = page.locator("#restore");
  await restore.getByRole("button", { name: "Gjenopprett" }).click();
  await expect(alertIn(page)).toContainText("Skriv en begrunnelse på minst 5 tegn.");
  expect((await db.mailbox.findUniqueOrThrow({ where: { id: locked.id } })).status).toBe("LOCKED");
  await restore.getByLabel("Begrunnelse").fill("Kunden ringte, bekreftet med BankID");
  await restore.getByRole("button", { name: "Gjenopprett" }).click();
  await expect(page.getByRole("status")).toHaveText("Kontoen er gjenopprettet.");
  const timeline = page.locator("section[aria-labelledby=timeline-heading]");
  await expect(timeline.getByText("mailbox.restore")).toBeVisible();
  await expect(timeline.getByText("«Kunden ringte, bekreftet med BankID»")).toBeVisible();
  await expect(timeline.getByText(agent.name, { exact: false })).toBeVisible();
  expect((await db.mailbox.findUniqueOrThrow({ where: { id: locked.id } })).status).toBe("ACTIVE");

  // A stale page: the mailbox changes after the page was loaded.
  await db.mailbox.update({ where: { id: locked.id }, data: { displayName: "Endret av noen andre" } });
  const resend = page.locator("#resend");
  await resend.getByLabel("Begrunnelse").fill("Kunden fant ikke e-posten");
  await resend.getByRole("button", { name: "Send på nytt" }).click();
  await expect(alertIn(page)).toContainText("Kontoen er endret siden du åpnet siden.");

  // The deleted mailbox offers no restore, and says why.
  await page.goto(`/admin/e-postkontoer/${deleted.id}`);
  await expect(page.getByText("Slettede kontoer kan ikke gjenopprettes.", { exact: false })).toBeVisible();
  await expect(page.getByRole("button", { name: "Gjenopprett" })).toHaveCount(0);
  await expectAccessible(page);

  // The customer page and the log, filtered to this mailbox, with its CSV.
  await page.getByRole("link", { name: /^Eier:/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: customer.name })).toBeVisible();
  await expect(page.getByRole("heading", { name: "E-postkontoer (1 av 5 aktive)" })).toBeVisible();
  await expectAccessible(page);
  await page.goto(`/admin/logg?gjelder=${locked.id}`);
  await expect(page.getByRole("cell", { name: "mailbox.restore" })).toBeVisible();
  await expectAccessible(page);
  const csv = await page.request.get(`/admin/logg/eksport?gjelder=${locked.id}`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text).toContain("mailbox.restore");
  expect(text).toContain("Kunden ringte, bekreftet med BankID");
  await page.goto("/admin/konto");
  await expectAccessible(page);
});

test("an agent sees a lock held by a warning nobody received, with the mail server's answer (R-LC-6)", async ({
  page,
  customer,
  db,
  expectedConsoleErrors,
}) => {
  // The login form's first step answers 401 until the code is given.
  expectedConsoleErrors.push(/status of 401/);
  const agent = await createAgent(db);
  const secret = await enrolDirectly(db, { kind: "AGENT", agentId: agent.id, role: "AGENT" });
  // Six months without a login; the 14-day warning was refused by every recipient 20 days ago.
  const box = await createMailbox(db, customer.id, { lastLoginAt: daysAgo(200), cycleStartedAt: daysAgo(400), createdAt: daysAgo(400) });
  const cycle = lockDueAt(box);
  const notice = await db.notice.create({
    data: { mailboxId: box.id, kind: "LOCK_WARNING_14", cycle, deadline: cycle, queuedAt: daysAgo(20) },
  });
  const answer = "550 5.1.1 <kunde@example.test>: Recipient address rejected: User unknown";
  await db.outgoingMail.createMany({
    data: [box.address, customer.email].map((to) => ({
      noticeId: notice.id,
      to,
      status: "FAILED" as const,
      attempts: 1,
      lastError: answer,
      createdAt: daysAgo(20),
    })),
  });

  await agentLogin(page, agent.email, secret);
  await page.goto(`/admin/e-postkontoer/${box.id}`);
  const held = page.getByRole("note", { name: "Sperringen venter" });
  await expect(held).toContainText("Varselet 14 dager før sperring er ikke levert");
  await expect(held).toContainText(answer);
  await expectAccessible(page);
});

test("customer and mailbox sessions get nothing from any admin route", async ({ page, customer, db }) => {
  const box = await createMailbox(db, customer.id);
  const routes = [
    "/admin",
    `/admin?q=${encodeURIComponent(box.address)}`,
    "/admin/konto",
    "/admin/totrinn",
    "/admin/logg",
    "/admin/agenter",
    `/admin/kunder/${customer.id}`,
    `/admin/e-postkontoer/${box.id}`,
  ];
  await login(page, customer.customerNumber);
  for (const route of routes) {
    await page.goto(route);
    await expect(page, route).toHaveURL(/\/admin\/logg-inn$/);
    await expect(page.getByText(box.address)).toHaveCount(0);
  }
  const csv = await page.request.get(`/admin/logg/eksport?gjelder=${box.id}`);
  expect(csv.headers()["content-type"]).not.toContain("text/csv");
  expect(await csv.text()).not.toContain(box.id);

  // A mailbox user's session is no agent session either.
  await page.goto("/mine-sider/internett/e-postkontoer");
  await logout(page);
  await page.goto("/e-post/logg-inn");
  await page.getByLabel("E-postadresse").fill(box.address);
  await page.getByLabel("Passord", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Innstillinger for ${box.address}` })).toBeVisible();
  await page.goto(`/admin/e-postkontoer/${box.id}`);
  await expect(page).toHaveURL(/\/admin\/logg-inn$/);
});

test("a supervisor adds an agent, who gets a one-time password; agents cannot manage agents", async ({
  page,
  db,
  expectedConsoleErrors,
}) => {
  expectedConsoleErrors.push(/status of 401/, /status of 404/);
  const boss = await createAgent(db, "SUPERVISOR");
  const secret = await enrolDirectly(db, { kind: "AGENT", agentId: boss.id, role: "SUPERVISOR" });
  await agentLogin(page, boss.email, secret);
  await page.getByRole("link", { name: "Agenter" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Agenter" })).toBeVisible();
  await expectAccessible(page);

  const email = `ny.${Date.now().toString(36)}@kundeservice.example`;
  const form = page.locator("#add-agent");
  await form.getByLabel("Navn").fill("Nora Ny");
  await form.getByLabel("E-postadresse på jobb").fill("ikke-en-adresse");
  await form.getByRole("button", { name: "Legg til" }).click();
  await expect(alertIn(page)).toContainText("Skriv en gyldig e-postadresse.");
  await form.getByLabel("E-postadresse på jobb").fill(email);
  await form.getByRole("button", { name: "Legg til" }).click();
  const added = form.getByRole("status");
  await expect(added).toContainText("Nora Ny er lagt til. Engangspassord:");
  const password = (await added.innerText()).match(/Engangspassord: (\S+)/)![1]!;
  await expectAccessible(page);

  // The new agent logs in with it and is sent to enrolment first; no way to manage agents.
  await logout(page);
  await page.getByLabel("E-postadresse på jobb").fill(email);
  await page.getByLabel("Passord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page).toHaveURL(/\/admin\/totrinn$/);
  const created = await db.agent.findUniqueOrThrow({ where: { email } });
  await enrolDirectly(db, { kind: "AGENT", agentId: created.id, role: "AGENT" });
  await page.goto("/admin/agenter");
  await expect(page.getByRole("heading", { level: 1, name: "Fant ikke siden" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Agenter" })).toHaveCount(0);
});
