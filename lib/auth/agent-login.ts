// Customer-service agents' login to the admin view: work e-mail, password and, once enrolled, a
// code. Two-factor login is mandatory for agents: until it is on, the guards send a signed-in agent
// to enrolment and nowhere else (lib/auth/guards.ts).
import { z } from "zod";
import type { Db } from "@/lib/db";
import type { Clock } from "@/lib/clock";
import { POLICY } from "@/lib/policy";
import { passwordLogin, type LoginMeta, type LoginOutcome } from "@/lib/auth/password-login";

export const agentLoginSchema = z.object({
  email: z.string().trim().min(3).max(254),
  password: z
    .string()
    .min(1)
    .max(POLICY.passwords.maxLength * 4),
  code: z.string().max(64).optional(),
});

export async function loginAgent(db: Db, clock: Clock, input: unknown, meta: LoginMeta): Promise<LoginOutcome> {
  const parsed = agentLoginSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const email = parsed.data.email.toLowerCase();
  // A deactivated agent is refused like an unknown one.
  const agent = await db.agent.findFirst({ where: { email, deactivatedAt: null }, select: { id: true, passwordHash: true } });
  return passwordLogin(
    db,
    clock,
    { kind: "AGENT", typed: email, account: agent && { kind: "AGENT", ...agent }, password: parsed.data.password, code: parsed.data.code },
    meta,
  );
}
