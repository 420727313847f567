import { fill, formatBytes, formatDateTime } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/nb";
import type { MailboxRow } from "@/lib/mailboxes/queries";
import { POLICY } from "@/lib/policy";

/** Storage used of the R-ACC-6 quota, as a bar with its figures in text beside it. */
export function StorageBar({ share, label }: { share: number; label: string }) {
  const percent = Math.round(share * 100);
  return (
    <div className="space-y-1">
      <div
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={label}
        className="h-3 w-40 overflow-hidden rounded-full border border-slate-600 bg-slate-100"
      >
        <div
          className={`h-full ${share > 0.9 ? "bg-red-700" : "bg-brand"}`}
          style={{ width: `${Math.max(percent, share > 0 ? 2 : 0)}%` }}
        />
      </div>
      <p className="text-sm">{label}</p>
    </div>
  );
}

/**
 * A mailbox's storage as the mail server measured it, and when (R-PLAT-4): the same on Mine
 * sider, the mailbox's own settings and the admin view. Before the first measurement it says so.
 */
export function MailboxStorage({ m, usage }: { m: Messages; usage: MailboxRow["usage"] }) {
  if (!usage) return <p className="text-sm">{m.mailboxes.storageNotMeasured}</p>;
  const quota = formatBytes(POLICY.mailboxes.quotaBytes, m.lang);
  return (
    <div>
      <StorageBar share={usage.share} label={fill(m.mailboxes.storageUsed, { used: formatBytes(usage.bytes, m.lang), quota })} />
      <p className="text-sm text-slate-700">{fill(m.mailboxes.storageMeasured, { time: formatDateTime(usage.measuredAt, m.lang) })}</p>
    </div>
  );
}

/** When the mailbox (or one of its app passwords) last logged in, and how (IMAP, POP, sending, the web): R-PLAT-4, R-LC-4. */
export function LastLogin({ m, login, never = m.mailboxes.never }: { m: Messages; login: MailboxRow["lastLogin"]; never?: string }) {
  if (!login) return <>{never}</>;
  const time = formatDateTime(login.at, m.lang);
  return <>{login.protocol ? fill(m.mailboxes.lastLoginVia, { time, protocol: m.mailboxes.protocols[login.protocol] }) : time}</>;
}
