// Login events against a real PostgreSQL (R-LC-4): idempotent, per-entry errors, never backwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { createCustomer, createMailbox } from "@/test/factories";
import { fixedClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { recordLoginBatch } from "@/lib/lifecycle/login-service";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await freshDatabase()));
afterAll(() => close());

const clock = fixedClock("2026-11-27T12:00:00Z");

describe("recordLoginBatch", () => {
  it("records logins, moves the last login forward, and a re-sent batch changes nothing", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id, { lastLoginAt: new Date("2026-10-01T00:00:00Z") });
    const batch = [
      { address: box.address, protocol: "imap", at: "2026-11-20T08:00:00Z" },
      { address: box.address.toUpperCase(), protocol: "smtp", at: "2026-11-26T09:30:00Z" },
      { address: box.address, protocol: "pop3", at: "2026-11-01T07:00:00Z" },
    ];
    expect(await recordLoginBatch(db, clock, batch)).toEqual({ accepted: 3, alreadyKnown: 0, errors: [] });
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).lastLoginAt).toEqual(new Date("2026-11-26T09:30:00Z"));

    expect(await recordLoginBatch(db, clock, batch)).toEqual({ accepted: 0, alreadyKnown: 3, errors: [] });
    expect(await db.loginEvent.count({ where: { mailboxId: box.id } })).toBe(3);

    // An older login arriving late never moves the date back.
    await recordLoginBatch(db, clock, [{ address: box.address, protocol: "webmail", at: "2026-10-15T00:00:00Z" }]);
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).lastLoginAt).toEqual(new Date("2026-11-26T09:30:00Z"));
  });

  it("keeps the good entries of a batch with bad ones, and says which were bad", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id, { lastLoginAt: null });
    const locked = await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: new Date("2026-11-01T00:00:00Z") });
    const gone = await createMailbox(db, customer.id, { status: "DELETED" });
    const result = await recordLoginBatch(db, clock, [
      { address: box.address, protocol: "lmtp", at: "2026-11-27T10:00:00Z" },
      { address: "ingen@altibox.no", protocol: "imap", at: "2026-11-27T10:00:00Z" },
      { address: gone.address, protocol: "imap", at: "2026-11-27T10:00:00Z" },
      { address: locked.address, protocol: "imap", at: "2026-11-27T10:00:00Z" },
      { address: box.address, protocol: "imap", at: "2030-01-01T00:00:00Z" },
      { address: box.address, protocol: "imap", at: "2026-11-27T10:00:00Z" },
    ]);
    expect(result).toEqual({
      accepted: 1,
      alreadyKnown: 0,
      errors: [
        { index: 0, error: "notALogin" },
        { index: 1, error: "unknownAddress" },
        { index: 2, error: "unknownAddress" },
        { index: 3, error: "mailboxLocked" },
        { index: 4, error: "future" },
      ],
    });
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).lastLoginAt).toEqual(new Date("2026-11-27T10:00:00Z"));
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: locked.id } })).lastLoginAt).toBeNull();
  });
});
