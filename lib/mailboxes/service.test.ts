// Integration tests of the mailbox services against a real PostgreSQL (R-ACC-1..5, R-LC-3, R-ADM-2).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { asJson, createCustomer, createMailbox, TEST_PASSWORD, uniq, TEST_ADDRESSING } from "@/test/factories";
import { fixedClock } from "@/lib/clock";
import type { ServiceContext } from "@/lib/actor";
import type { Db } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/passwords/hash";
import { loginCleanmail } from "@/lib/cleanmail/service";
import { addCalendarDays } from "@/lib/lifecycle/calendar";
import {
  changeDisplayName,
  changeMailboxPassword,
  createMailbox as createMailboxService,
  deleteMailbox,
  renameMailbox,
  restoreMailbox,
} from "@/lib/mailboxes/service";
import { first } from "@/test/lists";

const DOMAIN = TEST_ADDRESSING;
const NOW = new Date("2026-11-27T12:00:00Z");
const PASSWORD = "sommerfugl-over-elva";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await freshDatabase()));
afterAll(() => close());

function as(customerId: string, clock = fixedClock(NOW)): ServiceContext {
  return { db, clock, actor: { kind: "CUSTOMER", customerId }, requestId: uniq("req") };
}

const newBox = (local = uniq("box")) => ({ localPart: local, displayName: "Kari Nordmann", password: PASSWORD, passwordRepeat: PASSWORD });

async function auditFor(subjectId: string) {
  return db.auditEvent.findMany({ where: { subjectId }, orderBy: { id: "asc" } });
}

describe("createMailbox", () => {
  it("creates an active included mailbox with a normalised address, a Dovecot hash, and an audit event", async () => {
    const customer = await createCustomer(db);
    const local = uniq("Ny.Konto");
    const result = await createMailboxService(as(customer.id), DOMAIN, { ...newBox(), localPart: `  ${local}  ` });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.address).toBe(`${local.toLowerCase()}@altibox.no`);
    expect(result.value.status).toBe("ACTIVE");
    expect(result.value.plan).toBe("INCLUDED");
    const stored = await db.mailbox.findUniqueOrThrow({ where: { id: result.value.id }, omit: { passwordHash: false } });
    expect(stored.passwordHash).toMatch(/^\{ARGON2ID\}\$argon2id\$/);
    expect(await verifyPassword(stored.passwordHash, PASSWORD)).toBe(true);
    expect(await db.address.findUnique({ where: { address: result.value.address } })).toMatchObject({
      mailboxId: result.value.id,
      retiredAt: null,
    });
    const event = first(await auditFor(result.value.id));
    expect(event).toMatchObject({ action: "mailbox.create", actorKind: "CUSTOMER", actorId: customer.id, subjectType: "MAILBOX" });
    expect(event.after).toMatchObject({ address: result.value.address, status: "ACTIVE" });
    expect(asJson(event)).not.toContain("argon2");
  });

  it("refuses the sixth active mailbox (R-ACC-2), counting only active ones", async () => {
    const customer = await createCustomer(db);
    for (let i = 0; i < 4; i++) await createMailbox(db, customer.id);
    await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: NOW });
    await createMailbox(db, customer.id, { status: "DELETED" });
    expect((await createMailboxService(as(customer.id), DOMAIN, newBox())).ok).toBe(true);
    const sixth = await createMailboxService(as(customer.id), DOMAIN, newBox());
    expect(sixth).toMatchObject({ ok: false, error: { code: "limitReached" } });
    expect(await db.mailbox.count({ where: { customerId: customer.id, status: "ACTIVE" } })).toBe(5);
  });

  it("refuses an address in use and one that was ever used, with the same message (R-ACC-3)", async () => {
    const other = await createCustomer(db);
    const inUse = await createMailbox(db, other.id);
    const gone = await createMailbox(db, other.id, { status: "DELETED" });
    const customer = await createCustomer(db);
    for (const taken of [inUse.address, gone.address]) {
      const result = await createMailboxService(as(customer.id), DOMAIN, { ...newBox(), localPart: taken.split("@")[0]! });
      expect(result).toMatchObject({ ok: false, error: { code: "addressUnavailable", field: "localPart" } });
    }
    expect(await db.mailbox.count({ where: { customerId: customer.id } })).toBe(0);
  });

  it("refuses bad input field by field and writes nothing", async () => {
    const customer = await createCustomer(db);
    const cases: [Partial<ReturnType<typeof newBox>>, string, string][] = [
      [{ localPart: "postmaster" }, "address.reserved", "localPart"],
      [{ localPart: "kåre" }, "address.invalidCharacters", "localPart"],
      [{ localPart: "x".repeat(10_000) }, "address.tooLong", "localPart"],
      [{ displayName: "<img src=x onerror=alert(1)>" }, "displayName.invalidCharacters", "displayName"],
      [{ password: "kort", passwordRepeat: "kort" }, "password.tooShort", "password"],
      [{ password: "password1", passwordRepeat: "password1" }, "password.common", "password"],
      [{ password: PASSWORD, passwordRepeat: PASSWORD + "x" }, "password.mismatch", "password"],
    ];
    for (const [patch, code, field] of cases) {
      const result = await createMailboxService(as(customer.id), DOMAIN, { ...newBox(), ...patch });
      expect(result, code).toMatchObject({ ok: false, error: { code, field } });
    }
    expect(await db.mailbox.count({ where: { customerId: customer.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { actorId: customer.id } })).toBe(0);
  });

  it("holds the limit under 20 parallel requests for a customer with 4 active mailboxes: exactly one is created", async () => {
    const customer = await createCustomer(db);
    for (let i = 0; i < 4; i++) await createMailbox(db, customer.id);
    const results = await Promise.all(Array.from({ length: 20 }, () => createMailboxService(as(customer.id), DOMAIN, newBox())));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === "limitReached")).toBe(true);
    expect(await db.mailbox.count({ where: { customerId: customer.id, status: "ACTIVE" } })).toBe(5);
  });

  it("gives one new address to exactly one of 20 customers asking for it at once", async () => {
    const customers = await Promise.all(Array.from({ length: 20 }, () => createCustomer(db)));
    const local = uniq("populaer");
    const results = await Promise.all(customers.map((c) => createMailboxService(as(c.id), DOMAIN, { ...newBox(), localPart: local })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === "addressUnavailable")).toBe(true);
    expect(await db.mailbox.count({ where: { address: `${local}@altibox.no` } })).toBe(1);
  });
});

describe("renameMailbox (R-ACC-4)", () => {
  it("gives a new address, retires the old one for ever, tells the mail platform and audits", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id);
    const local = uniq("nytt.navn");
    const result = await renameMailbox(as(customer.id), DOMAIN, { mailboxId: box.id, localPart: local });
    expect(result).toMatchObject({ ok: true, value: { address: `${local}@altibox.no` } });
    expect(await db.address.findUnique({ where: { address: box.address } })).toMatchObject({ retiredBecause: "RENAMED" });
    expect(await db.mailPlatformEvent.count({ where: { mailboxId: box.id, kind: "MAILBOX_RENAMED" } })).toBe(1);
    const events = await auditFor(box.id);
    expect(events.at(-1)).toMatchObject({
      action: "mailbox.rename",
      before: { address: box.address },
      after: { address: `${local}@altibox.no` },
    });

    // Nobody can take the old address, not even the same customer.
    const again = await createMailboxService(as(customer.id), DOMAIN, { ...newBox(), localPart: box.address.split("@")[0]! });
    expect(again).toMatchObject({ ok: false, error: { code: "addressUnavailable" } });
    const back = await renameMailbox(as(customer.id), DOMAIN, { mailboxId: box.id, localPart: box.address.split("@")[0]! });
    expect(back).toMatchObject({ ok: false, error: { code: "addressUnavailable" } });
  });

  it("refuses to rename a locked mailbox", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: NOW });
    expect(await renameMailbox(as(customer.id), DOMAIN, { mailboxId: box.id, localPart: uniq("x") })).toMatchObject({
      ok: false,
      error: { code: "notActive" },
    });
  });
});

describe("changeDisplayName and changeMailboxPassword", () => {
  it("changes the display name with before/after in the audit log", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id);
    expect(await changeDisplayName(as(customer.id), { mailboxId: box.id, displayName: "  Ny   Visning " })).toMatchObject({
      ok: true,
      value: { displayName: "Ny Visning" },
    });
    expect((await auditFor(box.id)).at(-1)).toMatchObject({
      action: "mailbox.displayName",
      before: { displayName: "Test Postkasse" },
      after: { displayName: "Ny Visning" },
    });
  });

  it("changes the password and ends every session of the mailbox", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id);
    await db.webSession.create({
      data: { kind: "MAILBOX", principalId: box.id, tokenHash: `test-${box.id}`, expiresAt: addCalendarDays(NOW, 1) },
    });
    const result = await changeMailboxPassword(as(customer.id), { mailboxId: box.id, password: PASSWORD, passwordRepeat: PASSWORD });
    expect(result).toMatchObject({ ok: true, value: { sessionsEnded: 1 } });
    const stored = await db.mailbox.findUniqueOrThrow({ where: { id: box.id }, omit: { passwordHash: false } });
    expect(await verifyPassword(stored.passwordHash, PASSWORD)).toBe(true);
    expect(await verifyPassword(stored.passwordHash, TEST_PASSWORD)).toBe(false);
    expect(await db.webSession.count({ where: { principalId: box.id, revokedAt: null } })).toBe(0);
  });

  it("ends Cleanmail's sessions, report links and password with it, and tells the mail servers (R-SEC-7, R-PLAT-3)", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id);
    await db.webSession.create({
      data: { kind: "CLEANMAIL", principalId: box.id, tokenHash: `cm-${box.id}`, expiresAt: addCalendarDays(NOW, 1) },
    });
    await db.cleanmailLink.create({
      data: { mailboxId: box.id, tokenHash: `link-${box.id}`, createdAt: NOW, expiresAt: addCalendarDays(NOW, 15) },
    });
    await db.mailbox.update({ where: { id: box.id }, data: { cleanmailPasswordHash: await hashPassword("karantene-passord-2026") } });
    expect(
      (await loginCleanmail(db, fixedClock(NOW), { address: box.address, password: "karantene-passord-2026" }, { ip: "192.0.2.7" })).ok,
    ).toBe(true);

    await changeMailboxPassword(as(customer.id), { mailboxId: box.id, password: PASSWORD, passwordRepeat: PASSWORD });
    expect(await db.webSession.count({ where: { principalId: box.id, revokedAt: null } })).toBe(0);
    expect(await db.cleanmailLink.count({ where: { mailboxId: box.id, revokedAt: null } })).toBe(0);
    expect(
      await loginCleanmail(db, fixedClock(NOW), { address: box.address, password: "karantene-passord-2026" }, { ip: "192.0.2.7" }),
    ).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    const [event] = await db.mailPlatformEvent.findMany({ where: { mailboxId: box.id } });
    expect(event).toMatchObject({ kind: "PASSWORD_CHANGED", address: box.address, processedAt: null });
    const audit = (await auditFor(box.id)).find((a) => a.action === "mailbox.password");
    expect(audit?.after).toMatchObject({ ended: { browserSessions: 0, cleanmailSessions: 2, cleanmailLinks: 1 } });
  });

  it("refuses a password containing the address", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id);
    const p = `${box.address.split("@")[0]}-hemmelig`;
    expect(await changeMailboxPassword(as(customer.id), { mailboxId: box.id, password: p, passwordRepeat: p })).toMatchObject({
      ok: false,
      error: { code: "password.containsIdentity" },
    });
  });
});

describe("deleteMailbox (R-ACC-3, R-ACC-5)", () => {
  it("needs the address typed to confirm", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id);
    expect(await deleteMailbox(as(customer.id), { mailboxId: box.id, confirmAddress: "feil@altibox.no" })).toMatchObject({
      ok: false,
      error: { code: "confirmationMismatch" },
    });
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).status).toBe("ACTIVE");
  });

  it("wipes credentials and 2FA, retires the address, records the platform event and the audit event", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id);
    await db.twoFactor.create({ data: { kind: "MAILBOX", principalId: box.id, secret: "sealed", enabledAt: NOW } });
    await db.recoveryCode.create({ data: { kind: "MAILBOX", principalId: box.id, hash: "hash" } });
    const result = await deleteMailbox(as(customer.id), { mailboxId: box.id, confirmAddress: ` ${box.address.toUpperCase()} ` });
    expect(result.ok).toBe(true);
    const stored = await db.mailbox.findUniqueOrThrow({ where: { id: box.id }, omit: { passwordHash: false } });
    expect(stored).toMatchObject({ status: "DELETED", passwordHash: null });
    expect(await db.twoFactor.count({ where: { principalId: box.id } })).toBe(0);
    expect(await db.recoveryCode.count({ where: { principalId: box.id } })).toBe(0);
    expect(await db.quarantinedMessage.count({ where: { mailboxId: box.id } })).toBe(0);
    expect(await db.address.findUnique({ where: { address: box.address } })).toMatchObject({ retiredBecause: "DELETED" });
    expect(await db.mailPlatformEvent.count({ where: { mailboxId: box.id, kind: "MAILBOX_DELETED" } })).toBe(1);
    expect((await auditFor(box.id)).at(-1)).toMatchObject({ action: "mailbox.delete", after: { status: "DELETED" } });
    // Deleted is final: no second delete, no restore.
    expect(await deleteMailbox(as(customer.id), { mailboxId: box.id, confirmAddress: box.address })).toMatchObject({
      ok: false,
      error: { code: "notFound" },
    });
    expect(await restoreMailbox(as(customer.id), { mailboxId: box.id })).toMatchObject({ ok: false, error: { code: "restore.deleted" } });
    // The broadband customer still exists: deleting a mailbox ends no subscription (R-ACC-5).
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).broadbandStatus).toBe("ACTIVE");
  });
});

describe("restoreMailbox (R-LC-3)", () => {
  it("restores inside the 92 days and starts a new inactivity cycle", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: addCalendarDays(NOW, -91) });
    const result = await restoreMailbox(as(customer.id), { mailboxId: box.id });
    expect(result).toMatchObject({ ok: true, value: { status: "ACTIVE", lockedAt: null, cycleStartedAt: NOW } });
    expect((await auditFor(box.id)).at(-1)).toMatchObject({
      action: "mailbox.restore",
      before: { status: "LOCKED" },
      after: { status: "ACTIVE" },
    });
  });

  it("refuses after the window and for a broadband lock", async () => {
    const customer = await createCustomer(db);
    const expired = await createMailbox(db, customer.id, {
      status: "LOCKED",
      lockReason: "INACTIVITY",
      lockedAt: addCalendarDays(NOW, -92),
    });
    const broadband = await createMailbox(db, customer.id, {
      status: "LOCKED",
      lockReason: "BROADBAND_ENDED",
      lockedAt: addCalendarDays(NOW, -1),
    });
    expect(await restoreMailbox(as(customer.id), { mailboxId: expired.id })).toMatchObject({
      ok: false,
      error: { code: "restore.windowClosed" },
    });
    expect(await restoreMailbox(as(customer.id), { mailboxId: broadband.id })).toMatchObject({
      ok: false,
      error: { code: "restore.lockedForBroadband" },
    });
    expect(await db.mailbox.count({ where: { customerId: customer.id, status: "LOCKED" } })).toBe(2);
  });

  it("refuses when the customer already has five active mailboxes (R-ACC-2)", async () => {
    const customer = await createCustomer(db);
    for (let i = 0; i < 5; i++) await createMailbox(db, customer.id);
    const box = await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: addCalendarDays(NOW, -1) });
    expect(await restoreMailbox(as(customer.id), { mailboxId: box.id })).toMatchObject({ ok: false, error: { code: "limitReached" } });
  });
});

describe("another customer's mailbox", () => {
  it("is 'not found' for every action, and nothing changes", async () => {
    const owner = await createCustomer(db);
    const intruder = await createCustomer(db);
    const box = await createMailbox(db, owner.id);
    const locked = await createMailbox(db, owner.id, { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: addCalendarDays(NOW, -1) });
    const ctx = as(intruder.id);
    const attempts = [
      await renameMailbox(ctx, DOMAIN, { mailboxId: box.id, localPart: uniq("stjal") }),
      await changeDisplayName(ctx, { mailboxId: box.id, displayName: "Stjålet" }),
      await changeMailboxPassword(ctx, { mailboxId: box.id, password: PASSWORD, passwordRepeat: PASSWORD }),
      await deleteMailbox(ctx, { mailboxId: box.id, confirmAddress: box.address }),
      await restoreMailbox(ctx, { mailboxId: locked.id }),
      await changeDisplayName(ctx, { mailboxId: "not-a-uuid", displayName: "x" }),
    ];
    for (const attempt of attempts) expect(attempt).toMatchObject({ ok: false, error: { code: "notFound" } });
    expect(await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).toMatchObject({
      address: box.address,
      displayName: box.displayName,
      status: "ACTIVE",
    });
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: locked.id } })).status).toBe("LOCKED");
    expect(await db.auditEvent.count({ where: { actorId: intruder.id } })).toBe(0);
  });
});

describe("the database's own guarantees", () => {
  it("refuses to change or remove an audit event (R-ADM-2)", async () => {
    const event = await db.auditEvent.create({
      data: { actorKind: "SYSTEM", actorId: "test", action: "test", subjectType: "MAILBOX", subjectId: "x" },
    });
    await expect(db.auditEvent.update({ where: { id: event.id }, data: { action: "changed" } })).rejects.toThrow();
    await expect(db.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow();
  });
  it("refuses to remove an issued address or hand it to another mailbox (R-ACC-3)", async () => {
    const customer = await createCustomer(db);
    const a = await createMailbox(db, customer.id);
    const b = await createMailbox(db, customer.id);
    await expect(db.address.delete({ where: { address: a.address } })).rejects.toThrow();
    await expect(db.address.update({ where: { address: a.address }, data: { mailboxId: b.id } })).rejects.toThrow();
  });
});
