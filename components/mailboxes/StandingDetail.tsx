// What a mailbox's standing means for the person reading it, with its date (R-LC-1..3, R-PAY-2):
// one sentence, the same on Mine sider and in the mailbox's own settings.
import { fill, formatDate, monthlyPrice } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/nb";
import type { MailboxRow } from "@/lib/mailboxes/queries";
import { POLICY } from "@/lib/policy";

export function StandingDetail({
  m,
  row,
  className,
  atLimit = false,
}: {
  m: Messages;
  row: Pick<MailboxRow, "standing" | "lockDueAt" | "deletionDueAt">;
  className?: string;
  /** The customer has as many active mailboxes as allowed: a restore waits for room (R-ACC-2). */
  atLimit?: boolean;
}) {
  const date = row.lockDueAt ?? row.deletionDueAt;
  if (atLimit && row.standing === "locked")
    return (
      <p className={className}>
        {fill(m.mailboxes.lockedAtLimit, { date: date ? formatDate(date, m.lang) : "", max: POLICY.mailboxes.maxActivePerCustomer })}
      </p>
    );
  return (
    <p className={className}>
      {fill(m.mailboxes.standingDetail[row.standing], { date: date ? formatDate(date, m.lang) : "", price: monthlyPrice(m.lang) })}
    </p>
  );
}
