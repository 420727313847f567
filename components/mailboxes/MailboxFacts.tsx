// Every fact about a mailbox a customer asks about, the same on the list and on the mailbox's own
// page (issue 18): status with the date that matters, plan and price, last login with protocol,
// two-factor and app passwords, storage with when it was measured, and a sending block if any.
import { Fact } from "@/components/layout/Fact";
import { StandingBadge } from "@/components/mailboxes/StandingBadge";
import { StandingDetail } from "@/components/mailboxes/StandingDetail";
import { SendingBlocked } from "@/components/mailboxes/SendingBlocked";
import { LastLogin, MailboxStorage } from "@/components/mailboxes/StorageBar";
import { fill, monthlyPrice, plural } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/nb";
import type { MailboxRow } from "@/lib/mailboxes/queries";

export function MailboxFacts({ m, row, atLimit }: { m: Messages; row: MailboxRow; atLimit: boolean }) {
  const t = m.mailboxes.table;
  return (
    <>
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-4">
        <Fact term={t.status}>
          <StandingBadge standing={row.standing} label={m.mailboxes.standing[row.standing]} />
        </Fact>
        <Fact term={t.plan}>{fill(m.mailboxes.plan[row.plan], { price: monthlyPrice(m.lang) })}</Fact>
        <Fact term={t.lastLogin}>
          <LastLogin m={m} login={row.lastLogin} />
        </Fact>
        <Fact term={t.twoFactor}>
          {row.twoFactor ? m.mailboxes.on : m.mailboxes.off}
          {row.appPasswords > 0 && ` · ${plural(m.appPasswords.ownerSummary, m.lang, { count: row.appPasswords })}`}
        </Fact>
        <Fact term={t.storage} className="sm:col-span-2">
          <MailboxStorage m={m} usage={row.usage} />
        </Fact>
      </dl>
      <StandingDetail m={m} row={row} className="mt-3 text-sm" atLimit={atLimit} />
      <SendingBlocked m={m} until={row.sendBlockedUntil} reason={row.sendBlockReason} />
    </>
  );
}
