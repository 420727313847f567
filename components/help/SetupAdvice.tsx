// The part every set-up guide shares: the servers (R-SET-1), and why IMAP (R-SET-2).
import { ServerSettingsTable } from "@/components/help/ServerSettingsTable";
import { fill, formatBytes } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/nb";
import { POLICY } from "@/lib/policy";

type Servers = Parameters<typeof ServerSettingsTable>[0]["s"];

export function SetupAdvice({ m, s }: { m: Messages; s: Servers }) {
  const g = m.guides;
  return (
    <>
      <section aria-labelledby="servers-heading" className="space-y-2">
        <h2 id="servers-heading" className="text-xl font-semibold">
          {g.serversHeading}
        </h2>
        <ServerSettingsTable m={m} s={s} />
      </section>
      <section aria-labelledby="imap-heading" className="space-y-2">
        <h2 id="imap-heading" className="text-xl font-semibold">
          {g.imapHeading}
        </h2>
        <p>{fill(g.imapBody, { imap: s.imapHost })}</p>
        <h3 className="font-semibold">{g.copyHeading}</h3>
        <p>{fill(g.copyBody, { quota: formatBytes(POLICY.mailboxes.quotaBytes, m.lang) })}</p>
      </section>
    </>
  );
}
