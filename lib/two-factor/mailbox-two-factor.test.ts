// Two-factor login for mailboxes against a real PostgreSQL (R-SEC-1): enrolment, recovery codes,
// the code step with replay refusal, switching off; secrets sealed at rest.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "otplib/functional";
import { freshDatabase } from "@/test/db";
import { createCustomer, createMailbox, TEST_PASSWORD, uniq } from "@/test/factories";
import { fixedClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { parseKey } from "@/lib/crypto/secret-box";
import { beginEnrolment, confirmEnrolment, disableTwoFactor, verifySecondFactor } from "@/lib/two-factor/mailbox-two-factor";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await freshDatabase()));
afterAll(() => close());

const key = parseKey(randomBytes(32).toString("base64"));
const codeAt = (secret: string, at: Date) => generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

async function setUp() {
  const customer = await createCustomer(db);
  const box = await createMailbox(db, customer.id);
  const clock = fixedClock("2026-11-27T12:00:15Z");
  const ctx = { db, clock, actor: { kind: "MAILBOX" as const, mailboxId: box.id }, requestId: uniq() };
  return { box, clock, ctx };
}

describe("mailbox two-factor", () => {
  it("stays off until a code from the app matches; the secret is sealed; 10 recovery codes come once", async () => {
    const { box, clock, ctx } = await setUp();
    const begun = await beginEnrolment(ctx, key, "Altibox");
    if (!begun.ok) throw new Error("enrolment did not start");
    // Leaving here changes nothing: 2FA is off, and the same pending secret is offered again.
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).totpEnabledAt).toBeNull();
    expect(await beginEnrolment(ctx, key, "Altibox")).toMatchObject({ ok: true, value: { secret: begun.value.secret } });
    expect(begun.value.uri).toContain(`secret=${begun.value.secret}`);

    expect(await confirmEnrolment(ctx, key, "Altibox", "12345")).toMatchObject({ ok: false, error: { code: "code.malformed" } });
    const foreign = await codeAt("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", clock.now());
    expect(await confirmEnrolment(ctx, key, "Altibox", foreign)).toMatchObject({ ok: false, error: { code: "code.wrong" } });
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).totpEnabledAt).toBeNull();

    const confirmed = await confirmEnrolment(ctx, key, "Altibox", await codeAt(begun.value.secret, clock.now()));
    if (!confirmed.ok) throw new Error(confirmed.error.code);
    expect(confirmed.value.recoveryCodes).toHaveLength(10);
    const stored = await db.mailbox.findUniqueOrThrow({ where: { id: box.id }, omit: { totpSecret: false, totpPendingSecret: false } });
    expect(stored.totpEnabledAt).toEqual(clock.now());
    expect(stored.totpPendingSecret).toBeNull();
    expect(stored.totpSecret).toMatch(/^v1:/);
    expect(stored.totpSecret).not.toContain(begun.value.secret);
    const hashes = await db.recoveryCode.findMany({ where: { principalId: box.id }, omit: { hash: false } });
    expect(hashes).toHaveLength(10);
    expect(hashes.every((h) => h.hash.startsWith("$argon2id$") && !confirmed.value.recoveryCodes.includes(h.hash))).toBe(true);
    expect(await db.outgoingMail.count({ where: { to: box.address, subject: { contains: "slått på" } } })).toBe(1);
    expect(await beginEnrolment(ctx, key, "Altibox")).toMatchObject({ ok: false, error: { code: "alreadyOn" } });
  });

  it("takes each code once at login, and each recovery code once", async () => {
    const { box, clock, ctx } = await setUp();
    const begun = await beginEnrolment(ctx, key, "Altibox");
    if (!begun.ok) throw new Error("enrolment did not start");
    const secret = begun.value.secret;
    const confirmed = await confirmEnrolment(ctx, key, "Altibox", await codeAt(secret, clock.now()));
    if (!confirmed.ok) throw new Error(confirmed.error.code);

    // The enrolment code's step is used up; the next step's code works once.
    clock.advance(30_000);
    const code = await codeAt(secret, clock.now());
    const results = await Promise.all([0, 1, 2].map(() => verifySecondFactor(db, key, "Altibox", box.id, code, clock.now())));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === "code.replayed")).toBe(true);

    const recovery = confirmed.value.recoveryCodes[3];
    expect(await verifySecondFactor(db, key, "Altibox", box.id, recovery.toUpperCase(), clock.now())).toMatchObject({ ok: true, value: { via: "recovery" } });
    expect(await verifySecondFactor(db, key, "Altibox", box.id, recovery, clock.now())).toMatchObject({ ok: false });
    expect(await db.outgoingMail.count({ where: { to: box.address, subject: { contains: "gjenopprettingskode" } } })).toBe(1);
  });

  it("switches off only with the password and a current code", async () => {
    const { box, clock, ctx } = await setUp();
    const begun = await beginEnrolment(ctx, key, "Altibox");
    if (!begun.ok) throw new Error("enrolment did not start");
    await confirmEnrolment(ctx, key, "Altibox", await codeAt(begun.value.secret, clock.now()));
    clock.advance(30_000);
    const code = await codeAt(begun.value.secret, clock.now());
    expect(await disableTwoFactor(ctx, key, "Altibox", { currentPassword: "feil", code })).toMatchObject({ ok: false, error: { code: "currentPassword.wrong" } });
    expect(await disableTwoFactor(ctx, key, "Altibox", { currentPassword: TEST_PASSWORD, code: "000000" })).toMatchObject({ ok: false, error: { code: "code.wrong" } });
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).totpEnabledAt).not.toBeNull();
    expect(await disableTwoFactor(ctx, key, "Altibox", { currentPassword: TEST_PASSWORD, code })).toMatchObject({ ok: true });
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).totpEnabledAt).toBeNull();
    expect(await db.recoveryCode.count({ where: { principalId: box.id } })).toBe(0);
  });
});
