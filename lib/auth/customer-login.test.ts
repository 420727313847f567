// Customer login against a real PostgreSQL: generic failures, persisted throttling, no lock-out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { asJson, createCustomer, TEST_PASSWORD, TEST_TWO_FACTOR } from "@/test/factories";
import { fixedClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { loginCustomer } from "@/lib/auth/customer-login";
import { liveSession } from "@/lib/auth/sessions";
import { POLICY } from "@/lib/policy";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await freshDatabase()));
afterAll(() => close());

const unknownDevice = { userAgent: "test", isKnownDevice: () => false, secondFactor: () => TEST_TWO_FACTOR };

describe("loginCustomer", () => {
  it("signs in by customer number or e-mail and opens a server-side session", async () => {
    const customer = await createCustomer(db);
    const clock = fixedClock("2026-11-27T12:00:00Z");
    for (const identifier of [customer.customerNumber, customer.email.toUpperCase()]) {
      const outcome = await loginCustomer(db, clock, { identifier, password: TEST_PASSWORD }, { ip: "10.0.0.1", ...unknownDevice });
      expect(outcome.ok).toBe(true);
      if (outcome.ok) expect(await liveSession(db, "CUSTOMER", outcome.sessionToken, clock.now())).not.toBeNull();
    }
  });

  it("gives the same answer for a wrong password and an unknown account", async () => {
    const customer = await createCustomer(db);
    const clock = fixedClock("2026-11-27T12:00:00Z");
    const wrong = await loginCustomer(
      db,
      clock,
      { identifier: customer.customerNumber, password: "feil-passord-her" },
      { ip: "10.0.0.2", ...unknownDevice },
    );
    const unknown = await loginCustomer(
      db,
      clock,
      { identifier: "99999999", password: "feil-passord-her" },
      { ip: "10.0.0.2", ...unknownDevice },
    );
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(await loginCustomer(db, clock, { identifier: "", password: "" }, { ip: "10.0.0.2", ...unknownDevice })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("throttles guessing from one address, and lets the owner in from another afterwards", async () => {
    const customer = await createCustomer(db);
    const clock = fixedClock("2026-11-27T12:00:00Z");
    const attacker = { ip: "10.6.6.6", ...unknownDevice };
    const results = await Promise.all(
      Array.from({ length: POLICY.loginThrottle.perAccountAndIpFailures + 3 }, () =>
        loginCustomer(db, clock, { identifier: customer.customerNumber, password: "gjetting-123" }, attacker),
      ),
    );
    expect(results.every((r) => !r.ok)).toBe(true);
    // Even the right password is refused from the attacker's address while the block lasts.
    expect(await loginCustomer(db, clock, { identifier: customer.customerNumber, password: TEST_PASSWORD }, attacker)).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    // The owner, elsewhere, is not locked out.
    expect(
      (
        await loginCustomer(
          db,
          clock,
          { identifier: customer.customerNumber, password: TEST_PASSWORD },
          { ip: "10.0.0.9", ...unknownDevice },
        )
      ).ok,
    ).toBe(true);
    // The block ends by itself.
    clock.advance((POLICY.loginThrottle.blockMinutes + 1) * 60_000);
    expect((await loginCustomer(db, clock, { identifier: customer.customerNumber, password: TEST_PASSWORD }, attacker)).ok).toBe(true);
  });

  it("blocks an account attacked from many addresses, except on the owner's known browser", async () => {
    const customer = await createCustomer(db);
    const clock = fixedClock("2026-11-27T12:00:00Z");
    for (let i = 0; i < POLICY.loginThrottle.perAccountFailures; i++) {
      await loginCustomer(db, clock, { identifier: customer.email, password: "gjetting-123" }, { ip: `10.9.${i}.1`, ...unknownDevice });
    }
    const fresh = { ip: "10.1.1.1", userAgent: "x", secondFactor: () => TEST_TWO_FACTOR };
    expect(
      await loginCustomer(db, clock, { identifier: customer.email, password: TEST_PASSWORD }, { ...fresh, isKnownDevice: () => false }),
    ).toMatchObject({ ok: false, reason: "throttled" });
    const known = await loginCustomer(
      db,
      clock,
      { identifier: customer.email, password: TEST_PASSWORD },
      { ...fresh, isKnownDevice: (key) => key === customer.id },
    );
    expect(known.ok).toBe(true);
  });

  it("audits failures and successes without the password", async () => {
    const customer = await createCustomer(db);
    const clock = fixedClock("2026-11-27T12:00:00Z");
    await loginCustomer(
      db,
      clock,
      { identifier: customer.customerNumber, password: "feil-passord-her" },
      { ip: "10.0.0.3", ...unknownDevice },
    );
    await loginCustomer(db, clock, { identifier: customer.customerNumber, password: TEST_PASSWORD }, { ip: "10.0.0.3", ...unknownDevice });
    const events = await db.auditEvent.findMany({
      where: { OR: [{ subjectId: customer.id }, { actorId: customer.id }] },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(["customer.login.failed", "customer.login"]);
    expect(asJson(events)).not.toContain("feil-passord-her");
  });
});
