import type { Metadata } from "next";
import Link from "next/link";
import nb from "@/lib/i18n/nb";
import en from "@/lib/i18n/en";
import { fill, formatBytes } from "@/lib/i18n/format";
import { POLICY } from "@/lib/policy";

const facts = (lang: string) => ({
  maxActive: POLICY.mailboxes.maxActivePerCustomer,
  quota: formatBytes(POLICY.mailboxes.quotaBytes, lang),
  maxMessage: formatBytes(POLICY.mailboxes.maxMessageBytes, lang),
  restoreDays: POLICY.lifecycle.restoreWindowDays,
  warn1: POLICY.lifecycle.warningDaysBeforeLock[0],
  warn2: POLICY.lifecycle.warningDaysBeforeLock[1],
  price: POLICY.paidPlan.monthlyPriceOre / 100,
});

export const metadata: Metadata = { title: nb.about.title };
export const dynamic = "force-static";

// The service's facts (R-ACC-2, R-ACC-6, R-LC-1..3, R-ACC-3, R-PAY-2, R-ACC-7), in both languages.
export default function AboutPage() {
  return (
    <main id="main" className="mx-auto max-w-3xl space-y-8 px-4 py-8">
      <p>
        <Link href="/">{nb.app.back}</Link>
      </p>
      <section aria-labelledby="about-nb" className="space-y-3">
        <h1 id="about-nb" className="text-3xl font-bold">{nb.about.title}</h1>
        <ul className="list-disc space-y-2 pl-5">
          {nb.about.points.map((p) => <li key={p}>{fill(p, facts("nb"))}</li>)}
        </ul>
      </section>
      <section lang="en" aria-labelledby="about-en" className="space-y-3">
        <h2 id="about-en" className="text-2xl font-bold">{en.about.title}</h2>
        <ul className="list-disc space-y-2 pl-5">
          {en.about.points.map((p) => <li key={p}>{fill(p, facts("en"))}</li>)}
        </ul>
      </section>
    </main>
  );
}
