// Living through the inactivity rules in the browser (R-LC-1..3, R-ACC-3): the test clock moves,
// the real worker sweeps, warnings cross SMTP into the sink, Mine sider shows the lock, the
// customer restores, and another mailbox is deleted for good after its 92 days.
import { test, expect, login, createMailbox, moveClock, runJob, until } from "./fixtures";
import { addCalendarDays } from "@/lib/lifecycle/calendar";
import { lockDueAt } from "@/lib/lifecycle/rules";
import type { Db } from "@/lib/db";

const HOUR = 3_600_000;

/** Runs one sweep on the real worker and waits until it is done. */
const sweep = (db: Db) => runJob(db, "lifecycle_sweep");

test.afterEach(async ({ request }) => {
  await moveClock(request, new Date());
});

test("warned, locked, restored; another mailbox deleted for good after 92 days", async ({ page, request, customer, db, context }) => {
  const realNow = new Date();
  const kept = await createMailbox(db, customer.id, { lastLoginAt: realNow, cycleStartedAt: realNow, createdAt: realNow });
  const lock = lockDueAt(kept);
  const doomed = await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: lock, createdAt: realNow });
  const mailTo = (address: string, fragment: string) =>
    until(() => db.sinkMessage.findFirst({ where: { to: { has: address }, subject: { contains: fragment } } }));

  // 14 days before the lock: the first warning, to the mailbox and to the customer.
  await moveClock(request, addCalendarDays(lock, -14));
  await sweep(db);
  const warning = await mailTo(kept.address, "sperres");
  expect(warning.subject).toContain(kept.address);
  await mailTo(customer.email, kept.address);
  // It counts from its delivery (R-LC-6), which the worker records a moment after the sink has it.
  await until(() => db.notice.findFirst({ where: { mailboxId: kept.id, kind: "LOCK_WARNING_14", deliveredAt: { not: null } } }));

  await login(page, customer.customerNumber);
  await expect(page.getByText("Aktiv – sperres snart")).toBeVisible();

  // 7 days later (plus an hour: the second warning comes at least 7 days after the first was
  // delivered), then the lock, at the date the second warning named.
  await moveClock(request, new Date(addCalendarDays(lock, -7).getTime() + HOUR));
  await sweep(db);
  await expect.poll(() => db.sinkMessage.count({ where: { to: { has: kept.address }, subject: { contains: "sperres" } } })).toBe(2);
  await until(() => db.notice.findFirst({ where: { mailboxId: kept.id, kind: "LOCK_WARNING_7", deliveredAt: { not: null } } }));
  await moveClock(request, new Date(lock.getTime() + 2 * HOUR));
  await sweep(db);
  await mailTo(kept.address, "er sperret");

  await context.clearCookies();
  await login(page, customer.customerNumber);
  await page.getByRole("link", { name: `Administrer ${kept.address}` }).click();
  await expect(page.getByRole("region", { name: "Oversikt" }).getByText("Sperret – kan gjenopprettes")).toBeVisible();
  await page.getByRole("button", { name: "Gjenopprett kontoen" }).click();
  await expect(page.getByRole("status")).toHaveText(`E-postkontoen ${kept.address} er gjenopprettet.`);

  // 93 days after the other mailbox was locked: deleted, address retired, customer told.
  await moveClock(request, addCalendarDays(lock, 93));
  await sweep(db);
  await mailTo(customer.email, "er slettet");
  await context.clearCookies();
  await login(page, customer.customerNumber);
  await expect(page.getByRole("heading", { level: 2, name: "Slettede adresser" })).toBeVisible();
  await expect(page.getByText(doomed.address)).toBeVisible();
  expect(await db.address.findUnique({ where: { address: doomed.address } })).toMatchObject({ retiredBecause: "DELETED" });
  expect((await db.mailbox.findUniqueOrThrow({ where: { id: kept.id } })).status).toBe("ACTIVE");
});
