import Link from "next/link";
import { notFound } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { visitorSession } from "@/lib/auth/guards";
import { SetupAdvice } from "@/components/help/SetupAdvice";
import { mailServers } from "@/lib/env";
import { getMessages, titled } from "@/lib/i18n/server";
import { GUIDE_CLIENTS, PROFILE_CLIENTS } from "@/lib/mail-setup/guides";
import { ProfileWhere } from "@/components/help/ProfileWhere";

export const generateMetadata = titled((m) => m.titles.setup);

// One program's guide (R-SET-1, R-SET-2), with the servers from configuration.
export default async function ClientGuidePage({ params }: { params: Promise<{ klient: string }> }) {
  const { klient } = await params;
  const client = GUIDE_CLIENTS.find((c) => c === klient);
  if (!client) notFound();
  const m = await getMessages();
  const g = m.guides;
  const guide = g.clients[client];
  const s = mailServers();
  const session = await visitorSession();
  return (
    <PageShell m={m} session={session} path={`/hjelp/oppsett/${client}`}>
      <div className="max-w-3xl space-y-6">
        <p>
          <Link href="/hjelp/oppsett">{g.back}</Link>
        </p>
        <h1 className="text-3xl font-bold">{guide.name}</h1>
        <section aria-labelledby="steps-heading" className="space-y-2">
          <h2 id="steps-heading" className="text-xl font-semibold">
            {g.stepsHeading}
          </h2>
          <ol className="list-decimal space-y-1 pl-5">
            {guide.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </section>
        {PROFILE_CLIENTS.has(client) && <ProfileWhere m={m} session={session} />}
        <SetupAdvice m={m} s={s} />
      </div>
    </PageShell>
  );
}
