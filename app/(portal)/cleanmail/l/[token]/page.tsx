import Link from "next/link";
import { PageShell } from "@/components/layout/PageShell";
import { db } from "@/lib/db";
import { fill, formatLongDateTime } from "@/lib/i18n/format";
import { getMessages, titled } from "@/lib/i18n/server";
import { POLICY } from "@/lib/policy";
import { requestClock } from "@/lib/test-clock";
import { inspectLink } from "@/lib/cleanmail/service";
import { openFromLinkAction } from "../../actions";
import { buttonClass } from "@/components/ui/buttons";

// The token must not leak to other sites through the Referer header (also set for /cleanmail/l/*
// in next.config.ts).
export const generateMetadata = titled((m) => m.titles.cleanmailLink, { referrer: "no-referrer", robots: { index: false } });

// R-CM-2: a report's link. Mail systems' link scanners fetch every link, so this GET only looks:
// the button's POST opens the session (and the token is never used up). Expired or tampered
// links get the way to a new one (R-CM-5).
export default async function CleanmailLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const m = await getMessages();
  const c = m.cleanmail;
  const link = await inspectLink(db(), token, (await requestClock(db())).now());
  return (
    <PageShell m={m} session={null} path="/cleanmail/logg-inn">
      <div className="max-w-xl space-y-6">
        {link ? (
          <>
            <h1 className="text-3xl font-bold">{c.linkTitle}</h1>
            <p className="break-all">{fill(c.linkLead, { address: link.address, date: formatLongDateTime(link.expiresAt, m.lang) })}</p>
            <form action={openFromLinkAction}>
              <input type="hidden" name="token" value={token} />
              <button type="submit" className={buttonClass("primary")}>
                {c.linkOpen}
              </button>
            </form>
          </>
        ) : (
          <>
            <h1 className="text-3xl font-bold">{c.linkInvalidTitle}</h1>
            <p>{fill(c.linkInvalid, { days: POLICY.cleanmail.reportLinkValidDays })}</p>
            <p>
              <Link href="/cleanmail/logg-inn">{c.toLogin}</Link>
            </p>
          </>
        )}
      </div>
    </PageShell>
  );
}
