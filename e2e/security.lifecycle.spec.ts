// Sessions end after idling (R-SEC-7, ASVS 7.3.1): 30 minutes for customers, 15 for agents, and a
// session in use stays alive. Moves the shared clock, so it runs with the other clock tests.
import { test, expect, login, moveClock, enrolDirectly, agentLogin } from "./fixtures";
import { createAgent } from "@/test/factories";
import { POLICY } from "@/lib/policy";

const MINUTE = 60_000;
const MAILBOXES = "/mine-sider/internett/e-postkontoer";

test.afterEach(async ({ request }) => {
  await moveClock(request, new Date());
});

test("a customer's session lives while used and ends after 30 idle minutes; an agent's after 15", async ({
  page,
  request,
  customer,
  db,
  browser,
  expectedConsoleErrors,
}) => {
  expectedConsoleErrors.push(/status of 401/);
  const idle = POLICY.sessions.idleMinutes;
  const start = Date.now();
  await login(page, customer.customerNumber);
  // Used every 20 minutes for an hour: still signed in.
  for (const m of [20, 40, 60]) {
    await moveClock(request, new Date(start + m * MINUTE));
    await page.goto(MAILBOXES);
    await expect(page.getByRole("heading", { level: 1, name: "E-postkontoer" })).toBeVisible();
  }
  // Then left alone for longer than the limit: the next page asks for a login.
  await moveClock(request, new Date(start + (60 + idle.CUSTOMER + 1) * MINUTE));
  await page.goto(MAILBOXES);
  await expect(page).toHaveURL(/\/logg-inn$/);

  await moveClock(request, new Date());
  const agent = await createAgent(db);
  const secret = await enrolDirectly(db, { kind: "AGENT", agentId: agent.id, role: "AGENT" });
  const agentContext = await browser.newContext();
  const agentPage = await agentContext.newPage();
  await agentLogin(agentPage, agent.email, secret);
  await moveClock(request, new Date(Date.now() + (idle.AGENT + 1) * MINUTE));
  await agentPage.goto("/admin");
  await expect(agentPage).toHaveURL(/\/admin\/logg-inn$/);
  await agentContext.close();
});
