// Mailbox-user login (R-LC-4, R-SEC-5) against a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { createCustomer, createMailbox, TEST_PASSWORD } from "@/test/factories";
import { fixedClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { loginMailbox } from "@/lib/auth/mailbox-login";
import { liveSession } from "@/lib/auth/sessions";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await freshDatabase()));
afterAll(() => close());

const meta = {
  ip: "10.0.0.1",
  userAgent: "test",
  isKnownDevice: () => false,
  secondFactor: () => {
    throw new Error("no mailbox in these tests has two-factor login");
  },
};

describe("loginMailbox", () => {
  it("signs in with address and password, and counts as a login for the lifecycle (R-LC-4)", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id, { lastLoginAt: new Date("2026-06-01T00:00:00Z") });
    const clock = fixedClock("2026-11-27T12:00:00Z");
    const outcome = await loginMailbox(db, clock, { address: ` ${box.address.toUpperCase()} `, password: TEST_PASSWORD }, meta);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(await liveSession(db, "MAILBOX", outcome.sessionToken, clock.now())).toMatchObject({ principalId: box.id });
    // A mailbox session is no customer session.
    expect(await liveSession(db, "CUSTOMER", outcome.sessionToken, clock.now())).toBeNull();
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).lastLoginAt).toEqual(clock.now());
    expect(await db.loginEvent.findMany({ where: { mailboxId: box.id } })).toMatchObject([{ protocol: "PORTAL", at: clock.now() }]);
  });

  it("refuses a wrong password, an unknown address and a locked mailbox alike", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id);
    const locked = await createMailbox(db, customer.id, {
      status: "LOCKED",
      lockReason: "INACTIVITY",
      lockedAt: new Date("2026-11-01T00:00:00Z"),
    });
    const clock = fixedClock("2026-11-27T12:00:00Z");
    for (const input of [
      { address: box.address, password: "feil-passord" },
      { address: "finnes.ikke@altibox.no", password: TEST_PASSWORD },
      { address: locked.address, password: TEST_PASSWORD },
    ]) {
      expect(await loginMailbox(db, clock, input, meta)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await db.loginEvent.count({ where: { mailboxId: { in: [box.id, locked.id] } } })).toBe(0);
  });

  it("throttles guessing from one address", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id);
    const clock = fixedClock("2026-11-27T12:00:00Z");
    for (let i = 0; i < 5; i++) await loginMailbox(db, clock, { address: box.address, password: "gjetting" }, { ...meta, ip: "10.6.6.6" });
    expect(await loginMailbox(db, clock, { address: box.address, password: TEST_PASSWORD }, { ...meta, ip: "10.6.6.6" })).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    expect((await loginMailbox(db, clock, { address: box.address, password: TEST_PASSWORD }, { ...meta, ip: "10.0.0.8" })).ok).toBe(true);
  });
});
