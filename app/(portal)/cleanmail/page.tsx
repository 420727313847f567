import Link from "next/link";
import { PageShell } from "@/components/layout/PageShell";
import { Flash } from "@/components/mailboxes/Flash";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { fill, formatDateTime, formatNumber, plural } from "@/lib/i18n/format";
import { outcomeIn } from "@/lib/http/outcome";
import { getMessages, titled } from "@/lib/i18n/server";
import { requestClock } from "@/lib/test-clock";
import { cleanmailAddress, listQuarantine } from "@/lib/cleanmail/service";
import { requireCleanmail } from "@/lib/cleanmail/session";
import { bulkAction } from "./actions";
import { buttonClass } from "@/components/ui/buttons";

export const generateMetadata = titled((m) => m.titles.cleanmail);

// R-CM-3: every quarantined message of the mailbox, newest first, searchable; release or delete
// the ticked ones. Plain forms: it works without JavaScript.
export default async function CleanmailPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; side?: string; ok?: string; antall?: string; feil?: string; monster?: string }>;
}) {
  const { mailboxId } = await requireCleanmail();
  const m = await getMessages();
  const c = m.cleanmail;
  const params = await searchParams;
  const q = (params.q ?? "").slice(0, 100);
  const page = Math.min(Math.max(Number.parseInt(params.side ?? "1", 10) || 1, 1), 200);
  const now = (await requestClock(db())).now();
  const mailbox = { address: await cleanmailAddress(db(), mailboxId) };
  const { messages, hasMore } = await listQuarantine(db(), mailboxId, now, { q, page });
  const count = Number.parseInt(params.antall ?? "0", 10) || 0;
  const counted = outcomeIn({ released: c.released, deleted: c.deleted }, params.ok);
  const flash = counted
    ? plural(counted, m.lang, { count })
    : params.ok === "ruleSet"
      ? fill(c.ruleSet, { pattern: params.monster ?? "" })
      : null;
  const error = outcomeIn({ selectedNone: c.selectedNone, deliveryFailed: c.deliveryFailed }, params.feil);
  const link = (p: number) => `/cleanmail?${new URLSearchParams({ ...(q ? { q } : {}), side: String(p) })}`;

  return (
    <PageShell m={m} session="cleanmail" path="/cleanmail">
      <div className="space-y-6">
        <h1 className="text-3xl font-bold break-all">{fill(c.title, { address: mailbox.address })}</h1>
        <p>{fill(c.lead, { days: env().QUARANTINE_DAYS })}</p>
        <Flash message={flash} />
        {error && (
          <p role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 font-semibold">
            {error}
          </p>
        )}
        <form method="get" action="/cleanmail" role="search" className="flex max-w-xl flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1 space-y-1">
            <label htmlFor="q" className="block font-semibold">
              {c.search}
            </label>
            <input id="q" name="q" type="search" defaultValue={q} className="w-full rounded-md border-2 border-slate-600 px-3 py-2" />
          </div>
          <button type="submit" className={buttonClass("secondary")}>
            {c.searchButton}
          </button>
        </form>

        {messages.length === 0 ? (
          <p role="status" className="rounded-md border border-dashed border-slate-500 bg-white p-6">
            {q ? fill(c.emptySearch, { q }) : c.empty}
          </p>
        ) : (
          <form action={bulkAction} className="space-y-3">
            <div className="overflow-x-auto">
              <table className="w-full border-collapse bg-white text-left text-sm">
                <caption className="sr-only">{fill(c.title, { address: mailbox.address })}</caption>
                <thead>
                  <tr className="border-b-2 border-slate-600">
                    <th scope="col" className="p-2">
                      <span className="sr-only">{c.columns.select}</span>
                    </th>
                    {(["from", "subject", "date", "score", "reason"] as const).map((col) => (
                      <th key={col} scope="col" className="p-2">
                        {c.columns[col]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {messages.map((msg) => {
                    const subject = msg.subject ?? c.noSubject;
                    return (
                      <tr key={msg.id} className="border-b border-slate-300 align-top">
                        <td className="p-2">
                          <input
                            type="checkbox"
                            name="id"
                            value={msg.id}
                            aria-label={fill(c.select, { subject })}
                            className="h-5 w-5 accent-brand"
                          />
                        </td>
                        <td className="p-2 break-all">
                          {msg.senderName ? `${msg.senderName} <${msg.sender ?? ""}>` : (msg.sender ?? c.unknownSender)}
                        </td>
                        <td className="p-2 break-words">
                          <Link href={`/cleanmail/melding/${msg.id}`}>{subject}</Link>
                          {msg.malformed && <span className="block text-xs text-slate-700">{c.malformed}</span>}
                          {msg.refusedAttachments.length > 0 && (
                            <span className="block text-xs text-red-800">
                              {fill(c.refusedAttachments, { names: msg.refusedAttachments.join(", ") })}
                            </span>
                          )}
                        </td>
                        <td className="p-2 whitespace-nowrap">{formatDateTime(msg.receivedAt, m.lang)}</td>
                        <td className="p-2">{formatNumber(msg.score, m.lang)}</td>
                        <td className="p-2">{msg.reason}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <div className="flex flex-wrap gap-3">
              <button type="submit" name="do" value="release" className={buttonClass("primary")}>
                {c.release}
              </button>
              <button
                type="submit"
                name="do"
                value="delete"
                className="rounded-md border-2 border-red-700 px-4 py-2 font-semibold text-red-800"
              >
                {c.delete}
              </button>
            </div>
          </form>
        )}
        <nav aria-label={m.admin.pages} className="flex gap-6">
          {page > 1 && <Link href={link(page - 1)}>{m.admin.previousPage}</Link>}
          {hasMore && <Link href={link(page + 1)}>{m.admin.nextPage}</Link>}
        </nav>
      </div>
    </PageShell>
  );
}
