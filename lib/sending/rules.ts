// The sending rules for the SMTP server (R-SEC-2, R-SEC-3), pure: who may send, and when a
// mailbox has sent enough in the last 60 minutes. The policy server applies them to counts it
// keeps in PostgreSQL, so several instances agree.
import { POLICY } from "@/lib/policy";

const S = POLICY.sending;

export type SenderFacts =
  | { kind: "anonymous" }
  | { kind: "notOurs" } // not an active mailbox of the provider
  | { kind: "mailbox"; blockedUntil: Date | null };

export type Verdict =
  | { action: "allow" }
  | { action: "reject"; code: string; text: string; blockUntil?: Date; reason?: "recipients" | "messages" };

/** R-SEC-2: only logged-in, active mailboxes of the provider send; a blocked one waits. */
export function senderVerdict(sender: SenderFacts, now: Date): Verdict {
  if (sender.kind === "anonymous") return { action: "reject", code: "530 5.7.0", text: "Authentication required" };
  if (sender.kind === "notOurs") return { action: "reject", code: "553 5.7.1", text: "Sender is not an active mailbox here" };
  if (sender.blockedUntil && sender.blockedUntil > now) return { action: "reject", code: "450 4.7.1", text: `Sending blocked until ${sender.blockedUntil.toISOString()}` };
  return { action: "allow" };
}

/**
 * R-SEC-3: at most 50 distinct recipients and 200 messages in a sliding 60 minutes, counting this
 * message; past either, the message is refused and the mailbox blocked for 60 minutes.
 */
export function volumeVerdict(counts: { messages: number; distinctRecipients: number }, now: Date): Verdict {
  const blockUntil = new Date(now.getTime() + S.blockMinutes * 60_000);
  if (counts.distinctRecipients > S.maxDistinctRecipients) return { action: "reject", code: "450 4.7.1", text: `Too many recipients in ${S.windowMinutes} minutes; sending blocked for ${S.blockMinutes} minutes`, blockUntil, reason: "recipients" };
  if (counts.messages > S.maxMessages) return { action: "reject", code: "450 4.7.1", text: `Too many messages in ${S.windowMinutes} minutes; sending blocked for ${S.blockMinutes} minutes`, blockUntil, reason: "messages" };
  return { action: "allow" };
}

/** A verdict as the policy protocol's action. */
export function policyAction(verdict: Verdict): string {
  return verdict.action === "allow" ? "DUNNO" : `${verdict.code.startsWith("4") ? "DEFER" : "REJECT"} ${verdict.code.split(" ")[1]} ${verdict.text}`;
}
