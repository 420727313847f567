// Supervisors manage agents (issue 5): add an agent (with a one-time password they hand over; 2FA
// enrolment is forced at the first login), change a role, reset an agent's two-factor login (lost
// phone), and deactivate an agent. Every change is audited with its reason; a supervisor cannot
// lock themselves out.
import { randomInt } from "node:crypto";
import { z } from "zod";
import type { ServiceContext } from "@/lib/actor";
import type { Db, Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/service";
import { DomainError, fail, inTransaction, type Result } from "@/lib/errors/domain";
import { isUuid } from "@/lib/ids";
import { hashPassword } from "@/lib/passwords/hash";
import { POLICY } from "@/lib/policy";
import { queueSecurityNotice, removeTwoFactor } from "@/lib/two-factor/service";

export type AgentAdminError =
  | "notSupervisor"
  | "notFound"
  | "self"
  | "emailTaken"
  | "name.invalid"
  | "email.invalid"
  | "reason.tooShort"
  | "reason.tooLong"
  | "deactivated"
  | "unchanged";

export const newAgentSchema = z.object({
  name: z.string().trim().min(1).max(POLICY.adminActions.agentNameMaxLength),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  role: z.enum(["AGENT", "SUPERVISOR"]),
});

// No look-alike characters: the password is read out or typed from a note.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A one-time password of 20 characters in groups of five (about 99 bits). */
export function temporaryPassword(): string {
  const chars = Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return chars.replace(/(.{5})(?=.)/g, "$1-");
}

async function supervised<T>(
  ctx: ServiceContext,
  reason: string | null,
  work: (tx: Tx, supervisorId: string) => Promise<T>,
): Promise<Result<T, AgentAdminError>> {
  if (ctx.actor.kind !== "AGENT" || ctx.actor.role !== "SUPERVISOR") return fail<AgentAdminError>("notSupervisor");
  const supervisorId = ctx.actor.agentId;
  if (reason !== null) {
    const length = reason.trim().length;
    if (length < POLICY.adminActions.reasonMinLength) return fail<AgentAdminError>("reason.tooShort", "reason");
    if (length > POLICY.adminActions.reasonMaxLength) return fail<AgentAdminError>("reason.tooLong", "reason");
  }
  // The acting supervisor must still be one (a role change by another tab is seen here).
  return inTransaction<T, AgentAdminError>(
    ctx.db,
    async (tx) => {
      const me = await tx.agent.findUnique({ where: { id: supervisorId }, select: { role: true, deactivatedAt: true } });
      if (!me || me.role !== "SUPERVISOR" || me.deactivatedAt) throw new DomainError("notSupervisor");
      return work(tx, supervisorId);
    },
    { onUnique: { code: "emailTaken", field: "email" } },
  );
}

async function lockAgent(tx: Tx, agentId: string, supervisorId: string) {
  if (!isUuid(agentId)) throw new DomainError("notFound");
  if (agentId === supervisorId) throw new DomainError("self");
  await tx.$queryRaw`SELECT id FROM "Agent" WHERE id = ${agentId}::uuid FOR UPDATE`;
  const agent = await tx.agent.findUnique({ where: { id: agentId } });
  if (!agent) throw new DomainError("notFound");
  if (agent.deactivatedAt) throw new DomainError("deactivated");
  return agent;
}

const endSessions = (tx: Tx, agentId: string, now: Date) =>
  tx.webSession.updateMany({ where: { kind: "AGENT", principalId: agentId, revokedAt: null }, data: { revokedAt: now } });

export async function addAgent(ctx: ServiceContext, input: unknown) {
  const parsed = newAgentSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0]);
    return fail<AgentAdminError>(field === "email" ? "email.invalid" : "name.invalid", field);
  }
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return supervised(ctx, null, async (tx) => {
    const agent = await tx.agent.create({ data: { ...parsed.data, passwordHash, createdAt: ctx.clock.now() } });
    await recordAudit(tx, ctx, {
      action: "agent.create",
      subjectType: "AGENT",
      subjectId: agent.id,
      after: { name: agent.name, email: agent.email, role: agent.role },
    });
    return { agentId: agent.id, temporaryPassword: password };
  });
}

export async function setAgentRole(ctx: ServiceContext, input: { agentId: string; role: "AGENT" | "SUPERVISOR"; reason: string }) {
  return supervised(ctx, input.reason, async (tx, supervisorId) => {
    const agent = await lockAgent(tx, input.agentId, supervisorId);
    if (agent.role === input.role) throw new DomainError("unchanged");
    await tx.agent.update({ where: { id: agent.id }, data: { role: input.role } });
    await recordAudit(tx, ctx, {
      action: "agent.role",
      subjectType: "AGENT",
      subjectId: agent.id,
      before: { role: agent.role },
      after: { role: input.role, reason: input.reason.trim() },
    });
  });
}

/** Lost phone: the agent enrols again at the next login; their sessions end now. */
export async function resetAgentTwoFactor(ctx: ServiceContext, brand: string, input: { agentId: string; reason: string }) {
  return supervised(ctx, input.reason, async (tx, supervisorId) => {
    const agent = await lockAgent(tx, input.agentId, supervisorId);
    const now = ctx.clock.now();
    await removeTwoFactor(tx, { kind: "AGENT", id: agent.id });
    const { count } = await endSessions(tx, agent.id, now);
    await queueSecurityNotice(
      tx,
      { principal: { kind: "AGENT", id: agent.id }, label: agent.email, noticeTo: agent.email, locale: "nb" },
      "twoFactorOff",
      now,
      brand,
    );
    await recordAudit(tx, ctx, {
      action: "agent.twoFactor.reset",
      subjectType: "AGENT",
      subjectId: agent.id,
      after: { reason: input.reason.trim(), sessionsEnded: count },
    });
  });
}

/** Ends an agent's access for good: no login, every session ended. The row stays for the log. */
export async function deactivateAgent(ctx: ServiceContext, input: { agentId: string; reason: string }) {
  return supervised(ctx, input.reason, async (tx, supervisorId) => {
    const agent = await lockAgent(tx, input.agentId, supervisorId);
    const now = ctx.clock.now();
    await tx.agent.update({ where: { id: agent.id }, data: { deactivatedAt: now } });
    const { count } = await endSessions(tx, agent.id, now);
    await recordAudit(tx, ctx, {
      action: "agent.deactivate",
      subjectType: "AGENT",
      subjectId: agent.id,
      after: { reason: input.reason.trim(), sessionsEnded: count },
    });
  });
}

/** Every agent, with whether two-factor login is on; for the supervisors' page. */
/** Every agent, for the supervisors' page (the page checks the role). */
export async function listAgents(db: Db) {
  const agents = await db.$queryRaw<
    {
      id: string;
      name: string;
      email: string;
      role: "AGENT" | "SUPERVISOR";
      createdAt: Date;
      deactivatedAt: Date | null;
      twoFactor: boolean;
    }[]
  >`
    SELECT a.id, a.name, a.email, a.role::text AS role, a."createdAt", a."deactivatedAt",
           EXISTS (SELECT 1 FROM "TwoFactor" t WHERE t.kind = 'AGENT' AND t."principalId" = a.id AND t."enabledAt" IS NOT NULL) AS "twoFactor"
    FROM "Agent" a ORDER BY a."deactivatedAt" IS NOT NULL, a.name`;
  return agents;
}
