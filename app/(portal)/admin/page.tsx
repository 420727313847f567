import Link from "next/link";
import { PageShell } from "@/components/layout/PageShell";
import { requireAgent } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { parseSearch, searchAdmin, type SearchHit } from "@/lib/admin/search";
import { fill } from "@/lib/i18n/format";
import { POLICY } from "@/lib/policy";
import { getMessages, titled } from "@/lib/i18n/server";
import type { Messages } from "@/lib/i18n/nb";
import { platformEventBacklog } from "@/lib/mail-platform/events";
import { PlatformBacklog } from "@/components/admin/PlatformBacklog";
import { buttonClass } from "@/components/ui/buttons";

export const generateMetadata = titled((m) => m.titles.adminSearch);

// The admin view's front page: search (issue 5, R-ADM-1). A plain GET form, so a search is a link
// an agent can share with a colleague, and the back button works.
export default async function AdminSearchPage({ searchParams }: { searchParams: Promise<{ q?: string | string[]; side?: string }> }) {
  const agent = await requireAgent();
  const m = await getMessages();
  const params = await searchParams;
  const q = typeof params.q === "string" ? params.q : "";
  const page = Math.min(Math.max(Number.parseInt(params.side ?? "1", 10) || 1, 1), POLICY.adminSearch.maxPages);
  const terms = q ? parseSearch(q) : null;
  const result = terms?.kind === "terms" ? await searchAdmin(db(), terms, page) : null;
  const limits = { min: POLICY.adminSearch.minLength, max: POLICY.adminSearch.maxLength };
  const problem =
    terms?.kind === "tooShort"
      ? fill(m.admin.searchTooShort, limits)
      : terms?.kind === "tooLong"
        ? fill(m.admin.searchTooLong, limits)
        : null;
  const backlog = await platformEventBacklog(db());
  const link = (p: number) => `/admin?${new URLSearchParams({ q, side: String(p) })}`;

  return (
    <PageShell m={m} session="agent" supervisor={agent.role === "SUPERVISOR"} path="/admin">
      <div className="max-w-4xl space-y-6">
        <h1 className="text-3xl font-bold">{m.admin.searchTitle}</h1>
        <p className="text-slate-700">{fill(m.admin.signedInAs, { name: agent.name, role: m.admin.roles[agent.role] })}</p>
        <form method="get" action="/admin" role="search" className="space-y-2">
          <label htmlFor="q" className="block font-semibold">
            {m.admin.searchLabel}
          </label>
          <p id="q-hint" className="text-sm text-slate-700">
            {fill(m.admin.searchHint, limits)}
          </p>
          {problem && (
            <p id="q-error" className="text-sm font-semibold text-red-700">
              {problem}
            </p>
          )}
          <div className="flex max-w-2xl gap-2">
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={q}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={problem ? "q-hint q-error" : "q-hint"}
              aria-invalid={problem ? true : undefined}
              className="min-w-0 flex-1 rounded-md border-2 border-slate-600 px-3 py-2"
            />
            <button type="submit" className={buttonClass("primary")}>
              {m.admin.searchButton}
            </button>
          </div>
        </form>

        <section aria-labelledby="platform-heading" className="space-y-1">
          <h2 id="platform-heading" className="text-xl font-semibold">
            {m.admin.platformHeading}
          </h2>
          <PlatformBacklog m={m} backlog={backlog} />
        </section>

        {result && (
          <section aria-labelledby="results-heading" className="space-y-3">
            <h2 id="results-heading" className="text-xl font-semibold">
              {fill(m.admin.resultsHeading, { q })}
              {page > 1 ? ` – ${fill(m.admin.resultsPage, { page })}` : ""}
            </h2>
            {result.hits.length === 0 ? (
              <p role="status">{fill(m.admin.searchEmpty, { q })}</p>
            ) : (
              <ul className="divide-y divide-slate-300 rounded-md border border-slate-300 bg-white">
                {result.hits.map((hit) => (
                  <HitItem
                    key={hit.kind === "mailbox" ? `m${hit.mailboxId}${hit.matchedAddress ?? ""}` : `c${hit.customerId}`}
                    hit={hit}
                    m={m}
                  />
                ))}
              </ul>
            )}
            <nav aria-label={m.admin.pages} className="flex gap-6">
              {page > 1 && <Link href={link(page - 1)}>{m.admin.previousPage}</Link>}
              {result.hasMore && page < POLICY.adminSearch.maxPages && <Link href={link(page + 1)}>{m.admin.nextPage}</Link>}
            </nav>
          </section>
        )}
      </div>
    </PageShell>
  );
}

function HitItem({ hit, m }: { hit: SearchHit; m: Messages }) {
  if (hit.kind === "mailbox") {
    return (
      <li className="p-3">
        <p className="text-sm text-slate-700">
          {m.admin.hitMailbox} · {m.admin.mailboxStatus[hit.status]}
        </p>
        <p>
          <Link href={`/admin/e-postkontoer/${hit.mailboxId}`} className="font-semibold break-all">
            {hit.address}
          </Link>
        </p>
        {hit.matchedAddress && <p className="text-sm break-all">{fill(m.admin.formerAddress, { address: hit.matchedAddress })}</p>}
        <p className="text-sm">{fill(m.admin.customerLine, { name: hit.customerName, number: hit.customerNumber })}</p>
      </li>
    );
  }
  return (
    <li className="p-3">
      <p className="text-sm text-slate-700">
        {m.admin.hitCustomer} · {m.admin.broadband[hit.broadbandStatus]}
      </p>
      <p>
        <Link href={`/admin/kunder/${hit.customerId}`} className="font-semibold">
          {hit.name}
        </Link>
      </p>
      <p className="text-sm break-all">
        {hit.customerNumber} · {hit.email}
        {hit.phone ? ` · ${hit.phone}` : ""}
      </p>
    </li>
  );
}
