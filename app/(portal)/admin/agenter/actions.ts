"use server";
// Supervisors' actions on agents: the supervisor guard, then the service (which checks the role
// again in its transaction).
import { redirect } from "next/navigation";
import { requireSupervisor } from "@/lib/auth/guards";
import { requestMeta } from "@/lib/auth/request";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { ActionState } from "@/lib/forms/action-state";
import { formValues } from "@/lib/forms/action-state";
import { fill } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";
import { requestClock } from "@/lib/test-clock";
import { addAgent, deactivateAgent, resetAgentTwoFactor, setAgentRole, type AgentAdminError } from "@/lib/admin/agents";
import type { Result } from "@/lib/errors/domain";

async function context() {
  const agent = await requireSupervisor();
  const { requestId } = await requestMeta();
  return { db: db(), clock: await requestClock(db()), actor: { kind: "AGENT" as const, agentId: agent.agentId, role: agent.role }, requestId };
}

async function refusal(result: Result<unknown, AgentAdminError>, reason?: string): Promise<ActionState | null> {
  if (result.ok) return null;
  const m = await getMessages();
  const message = m.admin.agentErrors[result.error.code] ?? m.form.unexpected;
  const values = reason !== undefined ? { reason } : undefined;
  return result.error.field ? { fieldErrors: { [result.error.field]: message }, values } : { formError: message, values };
}

export async function addAgentAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await context();
  const m = await getMessages();
  const input = formValues(form, ["name", "email", "role"]);
  const result = await addAgent(ctx, input);
  if (!result.ok) return { ...(await refusal(result)), values: { name: input.name, email: input.email } };
  return { success: fill(m.admin.agentAdded, { name: input.name.trim(), password: result.value.temporaryPassword }) };
}

export async function agentRoleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const v = formValues(form, ["agentId", "role", "reason"]);
  const failed = await refusal(await setAgentRole(await context(), { agentId: v.agentId, role: v.role === "SUPERVISOR" ? "SUPERVISOR" : "AGENT", reason: v.reason }), v.reason);
  if (failed) return failed;
  redirect("/admin/agenter?utfort=role");
}

export async function resetAgentTwoFactorAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const v = formValues(form, ["agentId", "reason"]);
  const failed = await refusal(await resetAgentTwoFactor(await context(), env().MAIL_BRAND, { agentId: v.agentId, reason: v.reason }), v.reason);
  if (failed) return failed;
  redirect("/admin/agenter?utfort=twoFactor");
}

export async function deactivateAgentAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const v = formValues(form, ["agentId", "reason"]);
  const failed = await refusal(await deactivateAgent(await context(), { agentId: v.agentId, reason: v.reason }), v.reason);
  if (failed) return failed;
  redirect("/admin/agenter?utfort=deactivate");
}
