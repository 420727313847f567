// Server-side sessions: live until revoked or expired, and only for their own kind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { createCustomer } from "@/test/factories";
import type { Db } from "@/lib/db";
import { endSession, liveSession, openSession } from "@/lib/auth/sessions";
import { POLICY } from "@/lib/policy";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await freshDatabase()));
afterAll(() => close());

describe("sessions", () => {
  it("live until they expire or are ended, and only for their kind", async () => {
    const customer = await createCustomer(db);
    const now = new Date("2026-11-27T12:00:00Z");
    const session = await openSession(db, "CUSTOMER", customer.id, now, { ip: "10.0.0.1" });
    const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);
    expect(await liveSession(db, "CUSTOMER", session.id, hours(POLICY.sessions.maxAgeHours - 0.01))).toMatchObject({ principalId: customer.id });
    expect(await liveSession(db, "CUSTOMER", session.id, hours(POLICY.sessions.maxAgeHours))).toBeNull();
    expect(await liveSession(db, "MAILBOX", session.id, now)).toBeNull();
    expect(await liveSession(db, "CUSTOMER", "not-a-session", now)).toBeNull();
    await endSession(db, session.id, now);
    expect(await liveSession(db, "CUSTOMER", session.id, now)).toBeNull();
  });
});
