// Supervisors manage agents (issue 5) against a real PostgreSQL: roles checked in the service,
// one-time passwords, 2FA reset and deactivation end sessions, no self-lockout, all audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { asJson, createAgent, TEST_TWO_FACTOR, uniq } from "@/test/factories";
import { fixedClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { addAgent, deactivateAgent, resetAgentTwoFactor, setAgentRole, temporaryPassword } from "@/lib/admin/agents";
import { loginAgent } from "@/lib/auth/agent-login";
import { liveSession, openSession } from "@/lib/auth/sessions";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await freshDatabase()));
afterAll(() => close());

const NOW = new Date("2026-11-27T12:00:00Z");
const REASON = "Sluttet i kundeservice";
const as = (agent: { id: string; role: "AGENT" | "SUPERVISOR" }) => ({
  db,
  clock: fixedClock(NOW),
  actor: { kind: "AGENT" as const, agentId: agent.id, role: agent.role },
  requestId: uniq(),
});
const meta = { ip: "10.0.0.1", userAgent: "t", isKnownDevice: () => false, secondFactor: () => TEST_TWO_FACTOR };

describe("agent management", () => {
  it("a supervisor adds an agent with a one-time password that logs in (and nothing else can)", async () => {
    const boss = await createAgent(db, "SUPERVISOR");
    const email = `${uniq("ny")}@kundeservice.test`;
    const added = await addAgent(as(boss), { name: "Nora Ny", email: ` ${email.toUpperCase()} `, role: "AGENT" });
    if (!added.ok) throw new Error(added.error.code);
    expect(added.value.temporaryPassword).toMatch(/^([a-z2-9]{5}-){3}[a-z2-9]{5}$/);
    expect((await loginAgent(db, fixedClock(NOW), { email, password: added.value.temporaryPassword }, meta)).ok).toBe(true);
    expect(await addAgent(as(boss), { name: "Nora To", email, role: "AGENT" })).toMatchObject({ ok: false, error: { code: "emailTaken" } });
    expect(await addAgent(as(boss), { name: "", email: "ikke-en-adresse", role: "AGENT" })).toMatchObject({ ok: false });
    const [event] = await db.auditEvent.findMany({ where: { action: "agent.create", subjectId: added.value.agentId } });
    expect(event).toMatchObject({ actorId: boss.id });
    expect(asJson(event)).not.toContain(added.value.temporaryPassword);
  });

  it("only supervisors manage, and never themselves", async () => {
    const boss = await createAgent(db, "SUPERVISOR");
    const agent = await createAgent(db);
    expect(await addAgent(as(agent), { name: "X", email: `${uniq()}@x.test`, role: "SUPERVISOR" })).toMatchObject({
      ok: false,
      error: { code: "notSupervisor" },
    });
    expect(await setAgentRole(as(agent), { agentId: agent.id, role: "SUPERVISOR", reason: REASON })).toMatchObject({
      ok: false,
      error: { code: "notSupervisor" },
    });
    expect(await deactivateAgent(as(boss), { agentId: boss.id, reason: REASON })).toMatchObject({ ok: false, error: { code: "self" } });
    // A supervisor demoted meanwhile (the actor's role in the session is stale) is refused.
    const other = await createAgent(db, "SUPERVISOR");
    expect(await setAgentRole(as(boss), { agentId: other.id, role: "AGENT", reason: REASON })).toMatchObject({ ok: true });
    expect(await setAgentRole(as(other), { agentId: agent.id, role: "SUPERVISOR", reason: REASON })).toMatchObject({
      ok: false,
      error: { code: "notSupervisor" },
    });
    expect(await setAgentRole(as(boss), { agentId: other.id, role: "AGENT", reason: REASON })).toMatchObject({
      ok: false,
      error: { code: "unchanged" },
    });
    expect(await setAgentRole(as(boss), { agentId: other.id, role: "SUPERVISOR", reason: "kort" })).toMatchObject({
      ok: false,
      error: { code: "reason.tooShort" },
    });
  });

  it("resetting 2FA and deactivating end the agent's sessions; a deactivated agent cannot log in", async () => {
    const boss = await createAgent(db, "SUPERVISOR");
    const agent = await createAgent(db);
    await db.twoFactor.create({ data: { kind: "AGENT", principalId: agent.id, secret: "v1:x:y:z", enabledAt: NOW } });
    const session = await openSession(db, "AGENT", agent.id, NOW, {});
    expect(await resetAgentTwoFactor(as(boss), "Altibox", { agentId: agent.id, reason: "Mistet telefonen" })).toMatchObject({ ok: true });
    expect(await db.twoFactor.count({ where: { principalId: agent.id } })).toBe(0);
    expect(await liveSession(db, "AGENT", session.token, NOW)).toBeNull();
    expect(await db.outgoingMail.count({ where: { to: agent.email } })).toBe(1);

    const again = await openSession(db, "AGENT", agent.id, NOW, {});
    expect(await deactivateAgent(as(boss), { agentId: agent.id, reason: REASON })).toMatchObject({ ok: true });
    expect(await liveSession(db, "AGENT", again.token, NOW)).toBeNull();
    expect(await loginAgent(db, fixedClock(NOW), { email: agent.email, password: "blåbær-fjellvann-nordlys" }, meta)).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await deactivateAgent(as(boss), { agentId: agent.id, reason: REASON })).toMatchObject({
      ok: false,
      error: { code: "deactivated" },
    });
    expect(
      await db.auditEvent.count({ where: { subjectId: agent.id, action: { in: ["agent.twoFactor.reset", "agent.deactivate"] } } }),
    ).toBe(2);
  });

  it("makes one-time passwords that differ", () => {
    expect(new Set(Array.from({ length: 50 }, temporaryPassword)).size).toBe(50);
  });
});
