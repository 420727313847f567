// What a mailbox's standing means for the person reading it, with its date (R-LC-1..3, R-PAY-2):
// one sentence, the same on Mine sider and in the mailbox's own settings.
import { fill, formatDate, monthlyPrice } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/nb";
import type { MailboxRow } from "@/lib/mailboxes/queries";

export function StandingDetail({
  m,
  row,
  className,
}: {
  m: Messages;
  row: Pick<MailboxRow, "standing" | "lockDueAt" | "deletionDueAt">;
  className?: string;
}) {
  const date = row.lockDueAt ?? row.deletionDueAt;
  return (
    <p className={className}>
      {fill(m.mailboxes.standingDetail[row.standing], { date: date ? formatDate(date, m.lang) : "", price: monthlyPrice(m.lang) })}
    </p>
  );
}
