"use server";
// Supervisors' actions on agents, through the supervisor pipeline (the service checks the role
// again in its transaction).
import { z } from "zod";
import { supervisorAction } from "@/lib/actions/pipeline";
import { addAgent, deactivateAgent, resetAgentTwoFactor, setAgentRole } from "@/lib/admin/agents";
import { agentErrorMessage } from "@/lib/admin/error-messages";
import { env } from "@/lib/env";
import { withOutcome } from "@/lib/http/outcome";
import { fill } from "@/lib/i18n/format";
import type { ActionState } from "@/lib/forms/action-state";

const onAgent = z.object({ agentId: z.uuid(), reason: z.string().max(2000) });
const base = { keep: ["reason"], malformed: "notFound" as const, message: agentErrorMessage };

export const addAgentAction = supervisorAction({
  // The service checks the name and e-mail itself (newAgentSchema), so its words reach the fields.
  schema: z.object({ name: z.string().max(400), email: z.string().max(400), role: z.string().max(20) }),
  keep: ["name", "email"],
  message: agentErrorMessage,
  run: (ctx, input) => addAgent(ctx, input),
  done: (value, input, ctx): ActionState => ({
    success: fill(ctx.m.admin.agentAdded, { name: input.name.trim(), password: value.temporaryPassword }),
  }),
});

export const agentRoleAction = supervisorAction({
  ...base,
  schema: onAgent.extend({ role: z.enum(["AGENT", "SUPERVISOR"]) }),
  run: (ctx, input) => setAgentRole(ctx, input),
  done: () => withOutcome("/admin/agenter", { ok: "role" }),
});

export const resetAgentTwoFactorAction = supervisorAction({
  ...base,
  schema: onAgent,
  run: (ctx, input) => resetAgentTwoFactor(ctx, env().MAIL_BRAND, input),
  done: () => withOutcome("/admin/agenter", { ok: "twoFactor" }),
});

export const deactivateAgentAction = supervisorAction({
  ...base,
  schema: onAgent,
  run: (ctx, input) => deactivateAgent(ctx, input),
  done: () => withOutcome("/admin/agenter", { ok: "deactivate" }),
});
