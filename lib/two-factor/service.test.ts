// Two-factor login against a real PostgreSQL (R-SEC-1, issue 4): enrolment that turns on only with
// a matching code, sealed secrets, recovery codes, the code step with replay refusal, step-up for
// sensitive changes, switching off (never for agents), and the owner's lost-phone switch-off.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "otplib/functional";
import { freshDatabase } from "@/test/db";
import { asJson, createAgent, createCustomer, createMailbox, TEST_PASSWORD, TEST_TWO_FACTOR as config, uniq } from "@/test/factories";
import { fixedClock } from "@/lib/clock";
import type { Actor } from "@/lib/actor";
import type { Db } from "@/lib/db";
import { open } from "@/lib/crypto/secret-box";
import {
  beginEnrolment,
  confirmEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  switchOffMailboxTwoFactorAsOwner,
  twoFactorStatus,
  verifySecondFactor,
} from "@/lib/two-factor/service";
import { changeOwnPassword } from "@/lib/customers/service";
import { POLICY } from "@/lib/policy";
import { first } from "@/test/lists";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await freshDatabase()));
afterAll(() => close());

const codeAt = (secret: string, at: Date) => generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
const clockAt = () => fixedClock("2026-11-27T12:00:15Z");
const ctxOf = (actor: Actor, clock = clockAt()) => ({ db, clock, actor, requestId: uniq() });
const ip = "10.0.0.1";

/** Enrols the actor and returns the secret and the recovery codes; the clock moves to the next step. */
async function enrol(ctx: ReturnType<typeof ctxOf>) {
  const begun = await beginEnrolment(ctx, config);
  if (!begun.ok) throw new Error(begun.error.code);
  const confirmed = await confirmEnrolment(ctx, config, await codeAt(begun.value.secret, ctx.clock.now()));
  if (!confirmed.ok) throw new Error(confirmed.error.code);
  ctx.clock.advance(30_000);
  return { secret: begun.value.secret, recoveryCodes: confirmed.value.recoveryCodes };
}

async function mailboxUser() {
  const customer = await createCustomer(db);
  const box = await createMailbox(db, customer.id);
  return { customer, box, ctx: ctxOf({ kind: "MAILBOX", mailboxId: box.id }) };
}

describe("enrolment", () => {
  it("stays off until a code from the app matches; the secret is sealed; 10 recovery codes come once", async () => {
    const { box, ctx } = await mailboxUser();
    const p = { kind: "MAILBOX" as const, id: box.id };
    const begun = await beginEnrolment(ctx, config);
    if (!begun.ok) throw new Error("enrolment did not start");
    // 160 bits, base32; the URI names issuer and account, SHA-1, 6 digits, 30 s.
    expect(begun.value.secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(begun.value.uri);
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("issuer")).toBe("Altibox e-post");
    expect(decodeURIComponent(uri.pathname)).toContain(box.address);
    expect(uri.searchParams.get("secret")).toBe(begun.value.secret);
    // Leaving here changes nothing: 2FA is off, and the same pending secret is offered again.
    expect((await twoFactorStatus(db, p)).on).toBe(false);
    expect(await beginEnrolment(ctx, config)).toMatchObject({ ok: true, value: { secret: begun.value.secret } });

    // Malformed, and a code for a different secret: refused, still off.
    for (const bad of ["12345", "1234567", "abcdef", "12 34 56", ""]) {
      expect(await confirmEnrolment(ctx, config, bad)).toMatchObject({ ok: false, error: { code: "code.malformed" } });
    }
    const foreign = await codeAt("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", ctx.clock.now());
    expect(await confirmEnrolment(ctx, config, foreign)).toMatchObject({ ok: false, error: { code: "code.wrong" } });
    expect((await twoFactorStatus(db, p)).on).toBe(false);

    // Apps show "123 456": accepted.
    const code = await codeAt(begun.value.secret, ctx.clock.now());
    const confirmed = await confirmEnrolment(ctx, config, `${code.slice(0, 3)} ${code.slice(3)}`);
    if (!confirmed.ok) throw new Error(confirmed.error.code);
    expect(confirmed.value.recoveryCodes).toHaveLength(10);
    const stored = await db.twoFactor.findUniqueOrThrow({
      where: { kind_principalId: { kind: "MAILBOX", principalId: box.id } },
      omit: { secret: false, pendingSecret: false },
    });
    expect(stored.enabledAt).toEqual(ctx.clock.now());
    expect(stored.pendingSecret).toBeNull();
    // Sealed: not the plain secret, and bound to this account (copied to another row, it fails).
    expect(stored.secret).toMatch(/^v1:/);
    expect(stored.secret).not.toContain(begun.value.secret);
    expect(open(config.key, stored.secret!, `mailbox:${box.id}`)).toBe(begun.value.secret);
    expect(() => open(config.key, stored.secret!, `mailbox:${uniq()}`)).toThrow();
    const hashes = await db.recoveryCode.findMany({ where: { principalId: box.id }, omit: { hash: false } });
    expect(hashes).toHaveLength(10);
    expect(hashes.every((h) => h.hash.startsWith("$argon2id$") && !confirmed.value.recoveryCodes.includes(h.hash))).toBe(true);
    expect(await db.outgoingMail.count({ where: { to: box.address, subject: { contains: "slått på" } } })).toBe(1);
    expect(await db.auditEvent.count({ where: { subjectId: box.id, action: "mailbox.twoFactor.on" } })).toBe(1);
    expect(await beginEnrolment(ctx, config)).toMatchObject({ ok: false, error: { code: "alreadyOn" } });
    expect(await confirmEnrolment(ctx, config, code)).toMatchObject({ ok: false, error: { code: "alreadyOn" } });
  });

  it("works the same for customers (notices to the contact e-mail) and agents (which cannot switch it off)", async () => {
    const customer = await createCustomer(db);
    const customerCtx = ctxOf({ kind: "CUSTOMER", customerId: customer.id });
    const begun = await beginEnrolment(customerCtx, config);
    expect(begun.ok && new URL(begun.value.uri).searchParams.get("issuer")).toBe("Altibox Mine sider");
    const { secret } = await enrol(customerCtx);
    expect(await db.outgoingMail.count({ where: { to: customer.email, subject: { contains: "slått på" } } })).toBe(1);
    expect(
      await disableTwoFactor(customerCtx, config, {
        currentPassword: TEST_PASSWORD,
        code: await codeAt(secret, customerCtx.clock.now()),
        ip,
      }),
    ).toMatchObject({ ok: true });
    expect((await twoFactorStatus(db, { kind: "CUSTOMER", id: customer.id })).on).toBe(false);
    expect(await db.outgoingMail.count({ where: { to: customer.email, subject: { contains: "slått av" } } })).toBe(1);

    const agent = await createAgent(db);
    const agentCtx = ctxOf({ kind: "AGENT", agentId: agent.id, role: "AGENT" });
    const agentTwoFactor = await enrol(agentCtx);
    const code = await codeAt(agentTwoFactor.secret, agentCtx.clock.now());
    expect(await disableTwoFactor(agentCtx, config, { currentPassword: TEST_PASSWORD, code, ip })).toMatchObject({
      ok: false,
      error: { code: "mandatory" },
    });
    expect((await twoFactorStatus(db, { kind: "AGENT", id: agent.id })).on).toBe(true);
  });
});

describe("the code step", () => {
  it("takes each time step once, one step either side, and each recovery code once", async () => {
    const { box, ctx } = await mailboxUser();
    const p = { kind: "MAILBOX" as const, id: box.id };
    const { secret, recoveryCodes } = await enrol(ctx);
    const now = ctx.clock.now();

    // Concurrent requests with the same code: exactly one passes.
    const code = await codeAt(secret, now);
    const results = await Promise.all([0, 1, 2].map(() => verifySecondFactor(db, config, p, code, now)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === "code.replayed")).toBe(true);
    // An older step (still inside the window) is refused after a newer one was used.
    expect(await verifySecondFactor(db, config, p, await codeAt(secret, new Date(now.getTime() - 30_000)), now)).toMatchObject({
      ok: false,
      error: { code: "code.replayed" },
    });
    // The next step's code (clock skew ahead) works; two steps ahead does not.
    expect(await verifySecondFactor(db, config, p, await codeAt(secret, new Date(now.getTime() + 30_000)), now)).toMatchObject({
      ok: true,
    });
    expect(await verifySecondFactor(db, config, p, await codeAt(secret, new Date(now.getTime() + 90_000)), now)).toMatchObject({
      ok: false,
      error: { code: "code.wrong" },
    });

    const recovery = recoveryCodes[3]!;
    expect(await verifySecondFactor(db, config, p, ` ${recovery.toUpperCase()} `, now)).toMatchObject({
      ok: true,
      value: { via: "recovery" },
    });
    expect(await verifySecondFactor(db, config, p, recovery, now)).toMatchObject({ ok: false });
    expect(await db.outgoingMail.count({ where: { to: box.address, subject: { contains: "gjenopprettingskode" } } })).toBe(1);
    expect((await twoFactorStatus(db, p)).recoveryCodesLeft).toBe(9);
  });
});

describe("sensitive changes need the password and a current code", () => {
  it("switching off: wrong password, missing, wrong or reused code change nothing; guessing is throttled", async () => {
    const { box, ctx } = await mailboxUser();
    const p = { kind: "MAILBOX" as const, id: box.id };
    const { secret } = await enrol(ctx);
    const code = await codeAt(secret, ctx.clock.now());
    expect(await disableTwoFactor(ctx, config, { currentPassword: "feil", code, ip })).toMatchObject({
      ok: false,
      error: { code: "currentPassword.wrong" },
    });
    expect(await disableTwoFactor(ctx, config, { currentPassword: TEST_PASSWORD, code: "", ip })).toMatchObject({
      ok: false,
      error: { code: "code.required" },
    });
    expect(await disableTwoFactor(ctx, config, { currentPassword: TEST_PASSWORD, code: "000000", ip })).toMatchObject({
      ok: false,
      error: { code: "code.wrong" },
    });
    expect((await twoFactorStatus(db, p)).on).toBe(true);
    expect(await disableTwoFactor(ctx, config, { currentPassword: TEST_PASSWORD, code, ip })).toMatchObject({ ok: true });
    expect((await twoFactorStatus(db, p)).on).toBe(false);
    expect(await db.recoveryCode.count({ where: { principalId: box.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { subjectId: box.id, action: "mailbox.twoFactor.off" } })).toBe(1);

    // Throttling: after the per-account-and-IP limit, even the right answers wait.
    const again = await enrol(ctx);
    for (let i = 0; i < POLICY.loginThrottle.perAccountAndIpFailures; i++) {
      await disableTwoFactor(ctx, config, { currentPassword: TEST_PASSWORD, code: "111111", ip: "10.6.6.6" });
    }
    const right = await codeAt(again.secret, ctx.clock.now());
    expect(await disableTwoFactor(ctx, config, { currentPassword: TEST_PASSWORD, code: right, ip: "10.6.6.6" })).toMatchObject({
      ok: false,
      error: { code: "throttled" },
    });
    expect((await twoFactorStatus(db, p)).on).toBe(true);
  });

  it("new recovery codes replace the old ones", async () => {
    const { box, ctx } = await mailboxUser();
    const p = { kind: "MAILBOX" as const, id: box.id };
    const { secret, recoveryCodes } = await enrol(ctx);
    expect(await regenerateRecoveryCodes(ctx, config, { currentPassword: TEST_PASSWORD, code: "123", ip })).toMatchObject({
      ok: false,
      error: { code: "code.malformed" },
    });
    const result = await regenerateRecoveryCodes(ctx, config, {
      currentPassword: TEST_PASSWORD,
      code: await codeAt(secret, ctx.clock.now()),
      ip,
    });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.recoveryCodes).toHaveLength(10);
    expect(result.value.recoveryCodes.some((c) => recoveryCodes.includes(c))).toBe(false);
    expect(await verifySecondFactor(db, config, p, recoveryCodes[0]!, ctx.clock.now())).toMatchObject({ ok: false });
    expect(await verifySecondFactor(db, config, p, result.value.recoveryCodes[0]!, ctx.clock.now())).toMatchObject({ ok: true });
    expect(await db.outgoingMail.count({ where: { to: box.address, subject: { contains: "Nye gjenopprettingskoder" } } })).toBe(1);
  });

  it("changing the password asks for a code once 2FA is on", async () => {
    const customer = await createCustomer(db);
    const ctx = ctxOf({ kind: "CUSTOMER", customerId: customer.id });
    const { secret } = await enrol(ctx);
    const input = {
      currentPassword: TEST_PASSWORD,
      password: "havbris-og-måkeskrik",
      passwordRepeat: "havbris-og-måkeskrik",
      currentSessionId: randomUUID(),
      ip,
    };
    expect(await changeOwnPassword(ctx, config, input)).toMatchObject({ ok: false, error: { code: "code.required" } });
    expect(await changeOwnPassword(ctx, config, { ...input, code: "999999" })).toMatchObject({ ok: false, error: { code: "code.wrong" } });
    expect(await changeOwnPassword(ctx, config, { ...input, code: await codeAt(secret, ctx.clock.now()) })).toMatchObject({ ok: true });
  });
});

describe("lost phone: the owner switches a mailbox's 2FA off from Mine sider", () => {
  it("needs the owner's own password, touches only the owner's mailboxes, tells the mailbox and audits", async () => {
    const { customer, box, ctx } = await mailboxUser();
    await enrol(ctx);
    const owner = ctxOf({ kind: "CUSTOMER", customerId: customer.id });
    const stranger = await createCustomer(db);
    const strangerCtx = ctxOf({ kind: "CUSTOMER", customerId: stranger.id });

    // Another customer submitting this mailbox's id (a tampered hidden field) finds nothing.
    expect(
      await switchOffMailboxTwoFactorAsOwner(strangerCtx, config, { mailboxId: box.id, currentPassword: TEST_PASSWORD, ip }),
    ).toMatchObject({ ok: false, error: { code: "notFound" } });
    // The mailbox user is not the owner.
    expect(await switchOffMailboxTwoFactorAsOwner(ctx, config, { mailboxId: box.id, currentPassword: TEST_PASSWORD, ip })).toMatchObject({
      ok: false,
      error: { code: "notFound" },
    });
    expect(await switchOffMailboxTwoFactorAsOwner(owner, config, { mailboxId: box.id, currentPassword: "feil", ip })).toMatchObject({
      ok: false,
      error: { code: "currentPassword.wrong" },
    });
    expect((await twoFactorStatus(db, { kind: "MAILBOX", id: box.id })).on).toBe(true);

    expect(await switchOffMailboxTwoFactorAsOwner(owner, config, { mailboxId: box.id, currentPassword: TEST_PASSWORD, ip })).toMatchObject({
      ok: true,
      value: { address: box.address },
    });
    expect((await twoFactorStatus(db, { kind: "MAILBOX", id: box.id })).on).toBe(false);
    const notice = first(await db.outgoingMail.findMany({ where: { to: box.address, subject: { contains: "slått av" } } }));
    expect(notice.text).toContain("Eieren av kundeforholdet");
    const [audit] = await db.auditEvent.findMany({ where: { subjectId: box.id, action: "mailbox.twoFactor.off" } });
    expect(audit).toMatchObject({ actorKind: "CUSTOMER", actorId: customer.id, after: { by: "owner" } });
    expect(asJson(audit)).not.toContain(TEST_PASSWORD);
  });

  it("asks for the owner's own code when the owner has 2FA", async () => {
    const { customer, box, ctx } = await mailboxUser();
    await enrol(ctx);
    const owner = ctxOf({ kind: "CUSTOMER", customerId: customer.id });
    const { secret } = await enrol(owner);
    expect(await switchOffMailboxTwoFactorAsOwner(owner, config, { mailboxId: box.id, currentPassword: TEST_PASSWORD, ip })).toMatchObject({
      ok: false,
      error: { code: "code.required" },
    });
    expect(
      await switchOffMailboxTwoFactorAsOwner(owner, config, {
        mailboxId: box.id,
        currentPassword: TEST_PASSWORD,
        code: await codeAt(secret, owner.clock.now()),
        ip,
      }),
    ).toMatchObject({ ok: true });
  });
});
