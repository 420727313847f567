// R-SEC-5 and session revocation for the customer's own password, against a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { createCustomer, TEST_PASSWORD, TEST_TWO_FACTOR, uniq } from "@/test/factories";
import { fixedClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { openSession, liveSession } from "@/lib/auth/sessions";
import { changeOwnPassword } from "@/lib/customers/service";
import { verifyPassword } from "@/lib/passwords/hash";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await freshDatabase()));
afterAll(() => close());

const NEW = "havbris-og-måkeskrik";

describe("changeOwnPassword", () => {
  it("needs the current password, then ends every other session but this one", async () => {
    const customer = await createCustomer(db);
    const clock = fixedClock("2026-11-27T12:00:00Z");
    const ctx = { db, clock, actor: { kind: "CUSTOMER" as const, customerId: customer.id }, requestId: uniq() };
    const mine = await openSession(db, "CUSTOMER", customer.id, clock.now(), {});
    const other = await openSession(db, "CUSTOMER", customer.id, clock.now(), {});

    const wrong = await changeOwnPassword(ctx, TEST_TWO_FACTOR, {
      currentPassword: "feil",
      password: NEW,
      passwordRepeat: NEW,
      currentSessionId: mine.id,
      ip: "10.0.0.1",
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: "currentPassword.wrong", field: "currentPassword" } });
    const same = await changeOwnPassword(ctx, TEST_TWO_FACTOR, {
      currentPassword: TEST_PASSWORD,
      password: TEST_PASSWORD,
      passwordRepeat: TEST_PASSWORD,
      currentSessionId: mine.id,
      ip: "10.0.0.1",
    });
    expect(same).toMatchObject({ ok: false, error: { code: "password.sameAsCurrent" } });

    const result = await changeOwnPassword(ctx, TEST_TWO_FACTOR, {
      currentPassword: TEST_PASSWORD,
      password: NEW,
      passwordRepeat: NEW,
      currentSessionId: mine.id,
      ip: "10.0.0.1",
    });
    expect(result).toMatchObject({ ok: true, value: { otherSessionsEnded: 1 } });
    expect(await liveSession(db, "CUSTOMER", mine.token, clock.now())).not.toBeNull();
    expect(await liveSession(db, "CUSTOMER", other.token, clock.now())).toBeNull();
    const stored = await db.customer.findUniqueOrThrow({ where: { id: customer.id }, omit: { passwordHash: false } });
    expect(await verifyPassword(stored.passwordHash, NEW)).toBe(true);
    expect(await db.auditEvent.count({ where: { subjectId: customer.id, action: "customer.password" } })).toBe(1);
    // The contact e-mail is told (issue 4, item 6).
    expect(await db.outgoingMail.findMany({ where: { to: customer.email } })).toMatchObject([
      { subject: `Passordet for ${customer.email} er endret` },
    ]);
  });

  it("stops guessing of the current password", async () => {
    const customer = await createCustomer(db);
    const clock = fixedClock("2026-11-27T12:00:00Z");
    const ctx = { db, clock, actor: { kind: "CUSTOMER" as const, customerId: customer.id }, requestId: uniq() };
    const attempt = () =>
      changeOwnPassword(ctx, TEST_TWO_FACTOR, {
        currentPassword: "gjett",
        password: NEW,
        passwordRepeat: NEW,
        currentSessionId: "x",
        ip: "10.0.0.7",
      });
    for (let i = 0; i < 5; i++) expect(await attempt()).toMatchObject({ ok: false, error: { code: "currentPassword.wrong" } });
    expect(await attempt()).toMatchObject({ ok: false, error: { code: "throttled" } });
  });
});
