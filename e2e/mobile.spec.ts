// The mailbox page on a phone: everything reachable, nothing wider than the screen.
import { test, expect, login, expectAccessible, createMailbox } from "./fixtures";

test("Mine sider works on a phone", async ({ page, customer, db }) => {
  await createMailbox(db, customer.id);
  await login(page, customer.customerNumber);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page);
});
