// Server-side sessions (R-SEC-7, R-SEC-8): live until revoked, idled out or expired, and only for
// their own kind; the table keeps only a hash of the token the browser holds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { createCustomer } from "@/test/factories";
import type { Db } from "@/lib/db";
import { endSession, endSessionByToken, liveSession, openSession } from "@/lib/auth/sessions";
import { POLICY } from "@/lib/policy";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await freshDatabase()));
afterAll(() => close());

const now = new Date("2026-11-27T12:00:00Z");
const minutes = (m: number) => new Date(now.getTime() + m * 60_000);

describe("sessions", () => {
  it("live while used, until 12 hours at most; only for their kind; ended on the server", async () => {
    const customer = await createCustomer(db);
    const session = await openSession(db, "CUSTOMER", customer.id, now, { ip: "10.0.0.1" });
    // Used every 20 minutes: alive to the last minute of the 12 hours, not a moment after.
    const end = POLICY.sessions.maxAgeHours * 60;
    for (let m = 20; m < end; m += 20)
      expect(await liveSession(db, "CUSTOMER", session.token, minutes(m)), `minute ${m}`).toMatchObject({ principalId: customer.id });
    expect(await liveSession(db, "CUSTOMER", session.token, minutes(end - 1))).toMatchObject({ principalId: customer.id });
    expect(await liveSession(db, "CUSTOMER", session.token, minutes(end))).toBeNull();

    const other = await openSession(db, "CUSTOMER", customer.id, now, {});
    expect(await liveSession(db, "MAILBOX", other.token, now)).toBeNull();
    expect(await liveSession(db, "CUSTOMER", "not-a-session", now)).toBeNull();
    await endSession(db, other.id, now);
    expect(await liveSession(db, "CUSTOMER", other.token, now)).toBeNull();
    const third = await openSession(db, "CUSTOMER", customer.id, now, {});
    await endSessionByToken(db, third.token, now);
    expect(await liveSession(db, "CUSTOMER", third.token, now)).toBeNull();
  });

  it("end after idling: 30 minutes for customers, 15 for agents (R-SEC-7)", async () => {
    const customer = await createCustomer(db);
    const idle = POLICY.sessions.idleMinutes;
    const c = await openSession(db, "CUSTOMER", customer.id, now, {});
    expect(await liveSession(db, "CUSTOMER", c.token, minutes(idle.CUSTOMER - 1))).not.toBeNull();
    // Used at minute 29: alive until minute 59.
    expect(await liveSession(db, "CUSTOMER", c.token, minutes(2 * idle.CUSTOMER - 2))).not.toBeNull();
    const quiet = await openSession(db, "CUSTOMER", customer.id, now, {});
    expect(await liveSession(db, "CUSTOMER", quiet.token, minutes(idle.CUSTOMER))).toBeNull();
    const agent = await openSession(db, "AGENT", customer.id, now, {});
    expect(await liveSession(db, "AGENT", agent.token, minutes(idle.AGENT))).toBeNull();
  });

  it("keep no token: the row's id and its hash open nothing (R-SEC-8)", async () => {
    const customer = await createCustomer(db);
    const session = await openSession(db, "CUSTOMER", customer.id, now, {});
    const row = await db.webSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(JSON.stringify(row)).not.toContain(session.token);
    expect(await liveSession(db, "CUSTOMER", row.id, now)).toBeNull();
    expect(await liveSession(db, "CUSTOMER", row.tokenHash, now)).toBeNull();
  });
});
