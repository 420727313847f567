// The code step of every login (R-SEC-1, issue 4) against a real PostgreSQL: no session before the
// code, wrong codes throttled like wrong passwords, recovery codes once; agents log in the same way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "otplib/functional";
import { freshDatabase } from "@/test/db";
import { createAgent, createCustomer, TEST_PASSWORD, TEST_TWO_FACTOR, uniq } from "@/test/factories";
import { fixedClock } from "@/lib/clock";
import type { Actor } from "@/lib/actor";
import type { Db } from "@/lib/db";
import { loginAgent } from "@/lib/auth/agent-login";
import { loginCustomer } from "@/lib/auth/customer-login";
import { liveSession } from "@/lib/auth/sessions";
import { POLICY } from "@/lib/policy";
import { beginEnrolment, confirmEnrolment } from "@/lib/two-factor/service";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await freshDatabase()));
afterAll(() => close());

const meta = (ip = "10.0.0.1") => ({ ip, userAgent: "test", isKnownDevice: () => false, secondFactor: () => TEST_TWO_FACTOR });
const codeAt = (secret: string, at: Date) => generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

async function enrol(actor: Actor, clock: ReturnType<typeof fixedClock>) {
  const ctx = { db, clock, actor, requestId: uniq() };
  const begun = await beginEnrolment(ctx, TEST_TWO_FACTOR);
  if (!begun.ok) throw new Error(begun.error.code);
  const confirmed = await confirmEnrolment(ctx, TEST_TWO_FACTOR, await codeAt(begun.value.secret, clock.now()));
  if (!confirmed.ok) throw new Error(confirmed.error.code);
  clock.advance(30_000);
  return { secret: begun.value.secret, recoveryCodes: confirmed.value.recoveryCodes };
}

describe("login with two-factor", () => {
  it("asks for the code after a right password, opens no session before it, and takes a code once", async () => {
    const customer = await createCustomer(db);
    const clock = fixedClock("2026-11-27T12:00:15Z");
    const { secret, recoveryCodes } = await enrol({ kind: "CUSTOMER", customerId: customer.id }, clock);
    const sessionsBefore = await db.webSession.count({ where: { principalId: customer.id } });
    const login = (code?: string, ip?: string) =>
      loginCustomer(db, clock, { identifier: customer.customerNumber, password: TEST_PASSWORD, code }, meta(ip));

    expect(await login()).toEqual({ ok: false, reason: "codeRequired" });
    expect(await login("12345")).toEqual({ ok: false, reason: "codeInvalid" });
    expect(await db.webSession.count({ where: { principalId: customer.id } })).toBe(sessionsBefore);
    // A wrong password never reaches the code step (and says nothing about 2FA).
    expect(await loginCustomer(db, clock, { identifier: customer.customerNumber, password: "feil", code: "123456" }, meta())).toEqual({
      ok: false,
      reason: "invalid",
    });

    const code = await codeAt(secret, clock.now());
    const ok = await login(code);
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(await liveSession(db, "CUSTOMER", ok.sessionToken, clock.now())).not.toBeNull();
    expect(await login(code)).toEqual({ ok: false, reason: "codeInvalid" });
    expect((await login(recoveryCodes[0])).ok).toBe(true);
    expect(await login(recoveryCodes[0])).toEqual({ ok: false, reason: "codeInvalid" });
    const actions = (await db.auditEvent.findMany({ where: { subjectId: customer.id }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toContain("customer.login.codeFailed");
    expect(actions).toContain("customer.recoveryCode.used");
  });

  it("rate-limits wrong codes: guessing the six digits is blocked like guessing the password", async () => {
    const customer = await createCustomer(db);
    const clock = fixedClock("2026-11-27T12:00:15Z");
    const { secret } = await enrol({ kind: "CUSTOMER", customerId: customer.id }, clock);
    for (let i = 0; i < POLICY.loginThrottle.perAccountAndIpFailures; i++) {
      expect(
        await loginCustomer(db, clock, { identifier: customer.email, password: TEST_PASSWORD, code: String(100000 + i) }, meta("10.6.6.6")),
      ).toMatchObject({ ok: false });
    }
    const right = await codeAt(secret, clock.now());
    expect(
      await loginCustomer(db, clock, { identifier: customer.email, password: TEST_PASSWORD, code: right }, meta("10.6.6.6")),
    ).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("agents log in with e-mail, password and (once enrolled) a code, to agent sessions only", async () => {
    const agent = await createAgent(db);
    const clock = fixedClock("2026-11-27T12:00:15Z");
    // Before enrolment the password alone opens a session; the guards then allow only enrolment.
    const first = await loginAgent(db, clock, { email: agent.email.toUpperCase(), password: TEST_PASSWORD }, meta());
    expect(first.ok).toBe(true);
    if (first.ok) {
      expect(await liveSession(db, "AGENT", first.sessionToken, clock.now())).toMatchObject({ principalId: agent.id });
      expect(await liveSession(db, "CUSTOMER", first.sessionToken, clock.now())).toBeNull();
    }
    const { secret } = await enrol({ kind: "AGENT", agentId: agent.id, role: "AGENT" }, clock);
    expect(await loginAgent(db, clock, { email: agent.email, password: TEST_PASSWORD }, meta())).toEqual({
      ok: false,
      reason: "codeRequired",
    });
    expect(
      (await loginAgent(db, clock, { email: agent.email, password: TEST_PASSWORD, code: await codeAt(secret, clock.now()) }, meta())).ok,
    ).toBe(true);
    expect(await loginAgent(db, clock, { email: "ukjent@kundeservice.test", password: TEST_PASSWORD }, meta())).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});
