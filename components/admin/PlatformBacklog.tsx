// Whether the mail servers have applied the portal's changes (R-PLAT-3): for agents, so a Dovecot
// host that is down, and what a customer is waiting for, are seen.
import { fill, formatDateTime, plural } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/nb";

export function PlatformBacklog({
  m,
  backlog,
}: {
  m: Messages;
  backlog: { waiting: number; oldest: Date | null; lastError: string | null };
}) {
  if (backlog.waiting === 0) return <p>{m.admin.platformSynced}</p>;
  return (
    <div className="space-y-1">
      <p className="font-semibold">
        {plural(m.admin.platformWaiting, m.lang, {
          count: backlog.waiting,
          time: backlog.oldest ? formatDateTime(backlog.oldest, m.lang) : "",
        })}
      </p>
      {backlog.lastError && <p className="text-sm break-words">{fill(m.admin.platformLastError, { error: backlog.lastError })}</p>}
    </div>
  );
}
