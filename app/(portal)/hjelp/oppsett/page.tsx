import type { Metadata } from "next";
import Link from "next/link";
import { PageShell } from "@/components/layout/PageShell";
import { ServerSettingsTable } from "@/components/help/ServerSettingsTable";
import { mailServers } from "@/lib/env";
import { fill } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";
import { GUIDE_CLIENTS } from "@/lib/mail-setup/guides";

export const metadata: Metadata = { title: "Sett opp e-postprogrammet" };

// R-SET-1, R-SET-2: the settings, the guides per program, and why IMAP.
export default async function SetupGuidesPage() {
  const m = await getMessages();
  const g = m.guides;
  const s = mailServers();
  return (
    <PageShell m={m} session={null} path="/hjelp/oppsett">
      <div className="max-w-3xl space-y-6">
        <h1 className="text-3xl font-bold">{g.title}</h1>
        <p>{g.lead}</p>
        <nav aria-labelledby="clients-heading">
          <h2 id="clients-heading" className="text-xl font-semibold">{g.choose}</h2>
          <ul className="mt-2 list-disc pl-5">
            {GUIDE_CLIENTS.map((c) => <li key={c}><Link href={`/hjelp/oppsett/${c}`}>{g.clients[c].name}</Link></li>)}
          </ul>
        </nav>
        <section aria-labelledby="servers-heading" className="space-y-2">
          <h2 id="servers-heading" className="text-xl font-semibold">{g.serversHeading}</h2>
          <ServerSettingsTable m={m} s={s} />
        </section>
        <section aria-labelledby="auto-heading" className="space-y-2">
          <h2 id="auto-heading" className="text-xl font-semibold">{g.autoHeading}</h2>
          <p>{g.autoBody}</p>
        </section>
        <section aria-labelledby="imap-heading" className="space-y-2">
          <h2 id="imap-heading" className="text-xl font-semibold">{g.imapHeading}</h2>
          <p>{fill(g.imapBody, { imap: s.imapHost })}</p>
          <h3 className="font-semibold">{g.copyHeading}</h3>
          <p>{g.copyBody}</p>
        </section>
      </div>
    </PageShell>
  );
}
