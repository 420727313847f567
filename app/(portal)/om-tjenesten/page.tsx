import Link from "next/link";
import { PageShell } from "@/components/layout/PageShell";
import { visitorSession } from "@/lib/auth/guards";
import { fill, formatBytes, monthlyPrice } from "@/lib/i18n/format";
import { getMessages, titled } from "@/lib/i18n/server";
import { POLICY } from "@/lib/policy";

export const generateMetadata = titled((m) => m.about.title);

// The service's facts (R-ACC-2, R-ACC-6, R-LC-1..3, R-ACC-3, R-PAY-2, R-ACC-7), in the visitor's
// language, in the site's frame with their session (issue 18).
export default async function AboutPage() {
  const m = await getMessages();
  const session = await visitorSession();
  const facts = {
    maxActive: POLICY.mailboxes.maxActivePerCustomer,
    quota: formatBytes(POLICY.mailboxes.quotaBytes, m.lang),
    maxMessage: formatBytes(POLICY.mailboxes.maxMessageBytes, m.lang),
    restoreDays: POLICY.lifecycle.restoreWindowDays,
    warn1: POLICY.lifecycle.warningDaysBeforeLock[0],
    warn2: POLICY.lifecycle.warningDaysBeforeLock[1],
    price: monthlyPrice(m.lang),
  };
  return (
    <PageShell m={m} session={session} path="/om-tjenesten">
      <div className="max-w-3xl space-y-4">
        <h1 className="text-3xl font-bold">{m.about.title}</h1>
        <ul className="list-disc space-y-2 pl-5">
          {m.about.points.map((p, i) => (
            <li key={i}>{fill(p, facts)}</li>
          ))}
        </ul>
        <p>
          <Link href="/hjelp/oppsett">{m.guides.title}</Link>
        </p>
      </div>
    </PageShell>
  );
}
