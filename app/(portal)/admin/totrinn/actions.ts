"use server";
import { requireAgent, requireAgentForEnrolment } from "@/lib/auth/guards";
import { confirmEnrolmentFrom, regenerateCodesFrom, type CodesState } from "@/lib/two-factor/form-actions";

// Agents cannot switch two-factor login off: there is no action for it (and the service refuses).

export async function confirmEnrolmentAction(_prev: CodesState, form: FormData): Promise<CodesState> {
  const { agentId, role } = await requireAgentForEnrolment();
  return confirmEnrolmentFrom({ kind: "AGENT", agentId, role }, form);
}

export async function regenerateCodesAction(_prev: CodesState, form: FormData): Promise<CodesState> {
  const { agentId, role } = await requireAgent();
  return regenerateCodesFrom({ kind: "AGENT", agentId, role }, form);
}
