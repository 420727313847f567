// What Postfix is told about a message (R-SEC-2, R-SEC-3, R-PLAT-5). PostgreSQL decides:
// mail.policy_decide (the mail_contract migration) counts and blocks in one statement, so several
// policy servers agree (docs/decisions/0008); this turns its decision into the protocol's answer.
import { POLICY } from "@/lib/policy";

const S = POLICY.sending;

/** mail.policy_decide's verdict for one request. */
export type Decision = "anonymous" | "notOurs" | "notOwnSender" | "blocked" | "recipients" | "messages" | "ok";

/**
 * The action for Postfix: R-SEC-2 refuses senders who are not logged in or not an active mailbox
 * here, for good (5xx); a blocked mailbox, and one this very message took past a limit of R-SEC-3,
 * is told to try later (4xx), so its mail waits in the client instead of bouncing.
 */
export function policyAnswer(decision: Decision, blockedUntil: Date | null, request: { sender?: string; login?: string } = {}): string {
  switch (decision) {
    case "anonymous":
      return "REJECT 5.7.0 Authentication required";
    case "notOurs":
      return "REJECT 5.7.1 Sender is not an active mailbox here";
    // R-PLAT-5: the answer names the address, so the person sees which one they may not use.
    case "notOwnSender":
      return `REJECT 5.7.1 <${request.sender ?? ""}>: Sender address not owned by user ${request.login ?? ""}`;
    case "blocked":
      return `DEFER 4.7.1 Sending blocked until ${blockedUntil?.toISOString() ?? "later"}`;
    case "recipients":
      return `DEFER 4.7.1 Too many recipients in ${S.windowMinutes} minutes; sending blocked for ${S.blockMinutes} minutes`;
    case "messages":
      return `DEFER 4.7.1 Too many messages in ${S.windowMinutes} minutes; sending blocked for ${S.blockMinutes} minutes`;
    case "ok":
      return "DUNNO";
  }
}
