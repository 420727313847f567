// The admin view's refusals and hints in the agent's language, with the rule book's numbers filled
// from the policy. One place, so every admin form says the same thing.
import type { AgentAdminError } from "@/lib/admin/agents";
import type { AdminActionError } from "@/lib/admin/service";
import { fill, monthlyPrice, pick } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/nb";
import { POLICY } from "@/lib/policy";

const reason = { min: POLICY.adminActions.reasonMinLength, max: POLICY.adminActions.reasonMaxLength };

/** R-ADM-2: the hint under every "why" field. */
export const reasonHint = (m: Messages) => fill(m.admin.reasonHint, reason);

export function adminErrorMessage(m: Messages, code: AdminActionError): string {
  const price = { price: monthlyPrice(m.lang) };
  return pick(
    m.admin.errors,
    {
      "reason.tooShort": reason,
      "reason.tooLong": reason,
      limitReached: { max: POLICY.mailboxes.maxActivePerCustomer },
      "restore.windowClosed": { days: POLICY.lifecycle.restoreWindowDays },
      "restore.lockedForBroadband": price,
      "restore.broadbandEnded": price,
    },
    code,
  );
}

export function agentErrorMessage(m: Messages, code: AgentAdminError): string {
  return pick(
    m.admin.agentErrors,
    { "name.invalid": { max: POLICY.adminActions.agentNameMaxLength }, "reason.tooShort": reason, "reason.tooLong": reason },
    code,
  );
}
