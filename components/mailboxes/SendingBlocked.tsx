// R-SEC-3: "sending blocked until 14:32 because …", where the mailbox is shown. Presentational.
import { POLICY } from "@/lib/policy";
import { fill, formatDateTime } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/nb";

export function SendingBlocked({ m, until, reason }: { m: Messages; until: Date | null; reason: string | null }) {
  if (!until) return null;
  const limits = { recipients: POLICY.sending.maxDistinctRecipients, messages: POLICY.sending.maxMessages };
  const why =
    reason === "recipients" || reason === "messages" ? fill(m.sending.reasons[reason], { max: limits[reason] }) : m.sending.reasons.other;
  return (
    <div className="mt-3 rounded-md border-2 border-amber-700 bg-amber-50 p-3">
      <p className="font-semibold">{fill(m.sending.blocked, { time: formatDateTime(until, m.lang), reason: why })}</p>
      <p className="text-sm">{m.sending.help}</p>
    </div>
  );
}
