import Link from "next/link";
import { PageShell } from "@/components/layout/PageShell";
import { visitorSession } from "@/lib/auth/guards";
import { SetupAdvice } from "@/components/help/SetupAdvice";
import { mailServers } from "@/lib/env";
import { getMessages, titled } from "@/lib/i18n/server";
import { GUIDE_CLIENTS } from "@/lib/mail-setup/guides";
import { ProfileWhere } from "@/components/help/ProfileWhere";

export const generateMetadata = titled((m) => m.titles.setup);

// R-SET-1, R-SET-2: the settings, the guides per program, and why IMAP.
export default async function SetupGuidesPage() {
  const m = await getMessages();
  const g = m.guides;
  const s = mailServers();
  const session = await visitorSession();
  return (
    <PageShell m={m} session={session} path="/hjelp/oppsett">
      <div className="max-w-3xl space-y-6">
        <h1 className="text-3xl font-bold">{g.title}</h1>
        <p>{g.lead}</p>
        <nav aria-labelledby="clients-heading">
          <h2 id="clients-heading" className="text-xl font-semibold">
            {g.choose}
          </h2>
          <ul className="mt-2 list-disc pl-5">
            {GUIDE_CLIENTS.map((c) => (
              <li key={c}>
                <Link href={`/hjelp/oppsett/${c}`}>{g.clients[c].name}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <SetupAdvice m={m} s={s} />
        <section aria-labelledby="auto-heading" className="space-y-2">
          <h2 id="auto-heading" className="text-xl font-semibold">
            {g.autoHeading}
          </h2>
          <p>{g.autoBody}</p>
        </section>
        <ProfileWhere m={m} session={session} />
      </div>
    </PageShell>
  );
}
