// Guesses and storms against the real login flow and PostgreSQL (issue 14, items 3 and 4): guesses
// sent at once are all counted before any password is checked, so no more than the limit are
// checked; password work is bounded, and what is beyond it is told to try again, not queued.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { createCustomer, TEST_PASSWORD, TEST_TWO_FACTOR } from "@/test/factories";
import { fixedClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { loginCustomer } from "@/lib/auth/customer-login";
import { passwordWorkLoad } from "@/lib/passwords/hash";
import { POLICY } from "@/lib/policy";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await freshDatabase()));
afterAll(() => close());

const meta = (ip: string) => ({ ip, userAgent: "test", isKnownDevice: () => false, secondFactor: () => TEST_TWO_FACTOR });
const T = POLICY.loginThrottle;

/** Runs the attempts in waves no larger than the password slots' queue, so none is told "busy". */
async function inWaves<T>(n: number, attempt: (i: number) => Promise<T>): Promise<T[]> {
  const wave = passwordWorkLoad().slots + passwordWorkLoad().queue;
  const results: T[] = [];
  for (let i = 0; i < n; i += wave)
    results.push(...(await Promise.all(Array.from({ length: Math.min(wave, n - i) }, (_, j) => attempt(i + j)))));
  return results;
}

describe("guessing at once", () => {
  it("40 wrong passwords from one address at once: 40 counted, no more than the limit checked", async () => {
    const customer = await createCustomer(db);
    const clock = fixedClock("2026-11-27T12:00:00Z");
    const guess = () => loginCustomer(db, clock, { identifier: customer.customerNumber, password: "feil-passord-123" }, meta("10.9.9.9"));
    // All sent before any is answered (the first wave), then the rest.
    const outcomes = await inWaves(40, guess);
    const checked = await db.auditEvent.count({ where: { action: "customer.login.failed", subjectId: customer.id } });
    expect(checked).toBe(T.perAccountAndIpFailures);
    expect(outcomes.filter((o) => !o.ok && o.reason === "invalid")).toHaveLength(T.perAccountAndIpFailures);
    expect(outcomes.filter((o) => !o.ok && o.reason === "throttled")).toHaveLength(40 - T.perAccountAndIpFailures);
    const counter = await db.loginThrottle.findFirstOrThrow({
      where: { key: { startsWith: "acctip:" }, AND: { key: { contains: customer.id } } },
    });
    expect(counter.failures).toBe(40);
    // Even the right password waits now.
    expect(
      await loginCustomer(db, clock, { identifier: customer.customerNumber, password: TEST_PASSWORD }, meta("10.9.9.9")),
    ).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("100 wrong passwords at one account from 100 addresses: the account-wide limit holds exactly", async () => {
    const customer = await createCustomer(db);
    const clock = fixedClock("2026-11-27T12:00:00Z");
    const outcomes = await inWaves(100, (i) =>
      loginCustomer(
        db,
        clock,
        { identifier: customer.customerNumber, password: "feil-passord-123" },
        meta(`10.1.${Math.floor(i / 250)}.${i % 250}`),
      ),
    );
    expect(outcomes.filter((o) => !o.ok && o.reason === "invalid")).toHaveLength(T.perAccountFailures);
    expect(await db.auditEvent.count({ where: { action: "customer.login.failed", subjectId: customer.id } })).toBe(T.perAccountFailures);
    expect((await db.loginThrottle.findUniqueOrThrow({ where: { key: `acct:customer:${customer.id}` } })).failures).toBe(100);
    // The owner's own browser (known device) is not locked out.
    expect(
      (
        await loginCustomer(
          db,
          clock,
          { identifier: customer.customerNumber, password: TEST_PASSWORD },
          { ...meta("10.200.0.1"), isKnownDevice: () => true },
        )
      ).ok,
    ).toBe(true);
  });

  it("a right password takes its attempt back: ten good logins in a row are never throttled", async () => {
    const customer = await createCustomer(db);
    const clock = fixedClock("2026-11-27T12:00:00Z");
    for (let i = 0; i < 10; i++)
      expect((await loginCustomer(db, clock, { identifier: customer.customerNumber, password: TEST_PASSWORD }, meta("10.3.3.3"))).ok).toBe(
        true,
      );
  });
});

describe("a login storm", () => {
  it("checks only as many passwords at once as there are slots; the rest are told to try again at once", async () => {
    const clock = fixedClock("2026-11-27T12:00:00Z");
    const { slots, queue } = passwordWorkLoad();
    const storm = 12 * (slots + queue);
    const outcomes = await Promise.all(
      Array.from({ length: storm }, (_, i) =>
        loginCustomer(
          db,
          clock,
          { identifier: `ukjent-${i}@example.test`, password: "feil-passord-123" },
          meta(`10.2.${Math.floor(i / 250)}.${i % 250}`),
        ),
      ),
    );
    const busy = outcomes.filter((o) => !o.ok && o.reason === "busy").length;
    const checked = outcomes.filter((o) => !o.ok && o.reason === "invalid").length;
    expect(busy + checked).toBe(storm);
    // No more were checked than the slots and their queue could take while the storm came in.
    expect(checked).toBeGreaterThanOrEqual(slots);
    expect(busy).toBeGreaterThan(storm / 2);
    expect(passwordWorkLoad()).toMatchObject({ running: 0, waiting: 0 });
    // A "busy" attempt is not counted against anyone: the same address may try again at once.
    expect(await db.loginThrottle.count({ where: { key: { startsWith: "ip:10.2." }, failures: { gt: 1 } } })).toBe(0);
  });
});
