// The mailbox list as Mine sider shows it, against a real PostgreSQL (R-ACC-1, R-LC-2, R-LC-3).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { createCustomer, createMailbox } from "@/test/factories";
import type { Db } from "@/lib/db";
import { addCalendarDays } from "@/lib/lifecycle/calendar";
import { lockDueAt } from "@/lib/lifecycle/rules";
import { countActive, listCustomerMailboxes } from "@/lib/mailboxes/queries";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await freshDatabase()));
afterAll(() => close());

const NOW = new Date("2026-11-27T12:00:00Z");

describe("listCustomerMailboxes", () => {
  it("shows each mailbox's standing, dates and usage, and only the customer's own", async () => {
    const customer = await createCustomer(db);
    const other = await createCustomer(db);
    await createMailbox(db, other.id);
    const active = await createMailbox(db, customer.id, {
      lastLoginAt: addCalendarDays(NOW, -3),
      createdAt: addCalendarDays(NOW, -10),
    });
    // As Dovecot's quota_clone writes it (R-PLAT-4): by address, stamped with the mailbox and the time.
    await db.$executeRaw`INSERT INTO mail.usage (username, bytes, messages) VALUES (${active.address.toUpperCase()}, 7500000000, 12)`;
    await db.loginEvent.create({ data: { mailboxId: active.id, protocol: "IMAP", at: active.lastLoginAt! } });
    const warned = await createMailbox(db, customer.id, {
      lastLoginAt: addCalendarDays(NOW, -175),
      cycleStartedAt: addCalendarDays(NOW, -400),
      createdAt: addCalendarDays(NOW, -9),
    });
    await db.notice.create({ data: { mailboxId: warned.id, kind: "LOCK_WARNING_14", cycle: lockDueAt(warned) } });
    const staleWarning = await createMailbox(db, customer.id, {
      lastLoginAt: addCalendarDays(NOW, -1),
      cycleStartedAt: addCalendarDays(NOW, -400),
      createdAt: addCalendarDays(NOW, -8),
    });
    // Warned about an old lock date; the login since moved the date, so the warning no longer stands.
    await db.notice.create({ data: { mailboxId: staleWarning.id, kind: "LOCK_WARNING_14", cycle: addCalendarDays(NOW, 5) } });
    const locked = await createMailbox(db, customer.id, {
      status: "LOCKED",
      lockReason: "INACTIVITY",
      lockedAt: addCalendarDays(NOW, -10),
      createdAt: addCalendarDays(NOW, -7),
    });
    await createMailbox(db, customer.id, { status: "DELETED", createdAt: addCalendarDays(NOW, -6) });

    const rows = await listCustomerMailboxes(db, customer.id, NOW);
    expect(rows.map((r) => r.standing)).toEqual(["active", "warned", "active", "locked", "deleted"]);
    expect(rows[0]).toMatchObject({
      id: active.id,
      address: active.address,
      plan: "INCLUDED",
      usage: { bytes: 7_500_000_000, share: 0.5 },
      lastLogin: { at: active.lastLoginAt, protocol: "IMAP" },
      twoFactor: false,
    });
    expect(rows[0]!.usage!.measuredAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    // Never measured: no made-up figure.
    expect(rows[1]!.usage).toBeNull();
    expect(rows[3]!.lastLogin).toBeNull();
    expect(rows[0]!.lockDueAt).toEqual(lockDueAt(active));
    expect(rows[3]!.deletionDueAt).toEqual(addCalendarDays(locked.lockedAt!, 92));
    expect(countActive(rows)).toEqual({ active: 3, max: 5 });
    expect(JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain("argon2");
  });
});
