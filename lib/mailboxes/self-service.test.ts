// The mailbox user's own password change (R-SEC-5, issue 4) against a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { createCustomer, createMailbox, TEST_PASSWORD, TEST_TWO_FACTOR, uniq } from "@/test/factories";
import { fixedClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { liveSession, openSession } from "@/lib/auth/sessions";
import { changeOwnMailboxPassword } from "@/lib/mailboxes/self-service";
import { verifyPassword } from "@/lib/passwords/hash";
import { first } from "@/test/lists";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await freshDatabase()));
afterAll(() => close());

const NEW = "måkeskrik-over-moloen";

describe("changeOwnMailboxPassword", () => {
  it("needs the current password, ends the other sessions, and sends a security notice", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id);
    const clock = fixedClock("2026-11-27T12:00:00Z");
    const ctx = { db, clock, actor: { kind: "MAILBOX" as const, mailboxId: box.id }, requestId: uniq() };
    const mine = await openSession(db, "MAILBOX", box.id, clock.now(), {});
    const other = await openSession(db, "MAILBOX", box.id, clock.now(), {});
    const input = { password: NEW, passwordRepeat: NEW, currentSessionId: mine.id, ip: "10.0.0.1" };

    expect(await changeOwnMailboxPassword(ctx, TEST_TWO_FACTOR, { ...input, currentPassword: "feil" })).toMatchObject({
      ok: false,
      error: { code: "currentPassword.wrong" },
    });
    expect(
      await changeOwnMailboxPassword(ctx, TEST_TWO_FACTOR, {
        ...input,
        currentPassword: TEST_PASSWORD,
        password: "password1",
        passwordRepeat: "password1",
      }),
    ).toMatchObject({ ok: false, error: { code: "password.common" } });
    expect(await changeOwnMailboxPassword(ctx, TEST_TWO_FACTOR, { ...input, currentPassword: TEST_PASSWORD })).toMatchObject({
      ok: true,
      value: { otherSessionsEnded: 1 },
    });

    const stored = await db.mailbox.findUniqueOrThrow({ where: { id: box.id }, omit: { passwordHash: false } });
    expect(stored.passwordHash).toMatch(/^\{ARGON2ID\}/);
    expect(await verifyPassword(stored.passwordHash, NEW)).toBe(true);
    expect(await liveSession(db, "MAILBOX", mine.token, clock.now())).not.toBeNull();
    expect(await liveSession(db, "MAILBOX", other.token, clock.now())).toBeNull();
    const notice = first(await db.outgoingMail.findMany({ where: { to: box.address } }));
    expect(notice.subject).toBe(`Passordet for ${box.address} er endret`);
    expect(notice.text).toContain("fredag 27. november 2026 kl. 13:00");
    expect(await db.auditEvent.count({ where: { subjectId: box.id, action: "mailbox.password", actorKind: "MAILBOX" } })).toBe(1);
  });

  it("is not for customers: a customer actor changes nothing", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id);
    const ctx = {
      db,
      clock: fixedClock("2026-11-27T12:00:00Z"),
      actor: { kind: "CUSTOMER" as const, customerId: customer.id },
      requestId: uniq(),
    };
    expect(
      await changeOwnMailboxPassword(ctx, TEST_TWO_FACTOR, {
        currentPassword: TEST_PASSWORD,
        password: NEW,
        passwordRepeat: NEW,
        currentSessionId: "x",
        ip: "10.0.0.1",
      }),
    ).toMatchObject({ ok: false, error: { code: "notFound" } });
    const stored = await db.mailbox.findUniqueOrThrow({ where: { id: box.id }, omit: { passwordHash: false } });
    expect(await verifyPassword(stored.passwordHash, TEST_PASSWORD)).toBe(true);
  });
});
