import Link from "next/link";
import { PageShell } from "@/components/layout/PageShell";
import { requireAgent } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { auditFilterSchema, auditPage, type AuditFilter } from "@/lib/admin/audit";
import { fill, formatDateTime } from "@/lib/i18n/format";
import { getMessages, titled } from "@/lib/i18n/server";
import { buttonClass } from "@/components/ui/buttons";

export const generateMetadata = titled((m) => m.titles.audit);

type Params = Record<string, string | string[] | undefined>;

// The audit view (issue 5, R-ADM-2): filter by actor, action, subject and time; export as CSV.
export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const agent = await requireAgent();
  const m = await getMessages();
  const a = m.admin;
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, typeof v === "string" ? v : ""]));
  const parsed = auditFilterSchema.safeParse(raw);
  const filter: AuditFilter | null = parsed.success ? parsed.data : null;
  const page = filter ? await auditPage(db(), filter) : null;
  const query = (extra: Partial<AuditFilter>) =>
    new URLSearchParams(Object.entries({ ...filter, ...extra }).filter(([, v]) => v) as [string, string][]).toString();
  const problem = parsed.success ? null : parsed.error.issues.map((i) => String(i.path[0])).join(", ");
  const value = (name: keyof AuditFilter) => (filter ? filter[name] : (raw[name] ?? ""));

  const field = (name: keyof AuditFilter, label: string, type = "text", hint?: string) => (
    <div className="space-y-1">
      <label htmlFor={`f-${name}`} className="block font-semibold">
        {label}
      </label>
      {hint && (
        <p id={`f-${name}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      )}
      <input
        id={`f-${name}`}
        name={name}
        type={type}
        defaultValue={value(name)}
        aria-describedby={hint ? `f-${name}-hint` : undefined}
        autoComplete="off"
        className="w-full rounded-md border-2 border-slate-600 px-3 py-2"
      />
    </div>
  );

  return (
    <PageShell m={m} session="agent" supervisor={agent.role === "SUPERVISOR"} path="/admin/logg">
      <div className="space-y-6">
        <h1 className="text-3xl font-bold">{a.auditTitle}</h1>
        <p>{a.auditLead}</p>
        <form
          method="get"
          action="/admin/logg"
          className="grid gap-4 rounded-md border border-slate-300 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3"
        >
          <div className="space-y-1">
            <label htmlFor="f-aktortype" className="block font-semibold">
              {a.filterActorKind}
            </label>
            <select
              id="f-aktortype"
              name="aktortype"
              defaultValue={value("aktortype")}
              className="w-full rounded-md border-2 border-slate-600 px-3 py-2"
            >
              <option value="">{a.anyActor}</option>
              {(["CUSTOMER", "MAILBOX", "AGENT", "SYSTEM"] as const).map((k) => (
                <option key={k} value={k}>
                  {a.actors[k]}
                </option>
              ))}
            </select>
          </div>
          {field("aktor", a.filterActor)}
          {field("handling", a.filterAction, "text", a.filterActionHint)}
          {field("gjelder", a.filterSubject)}
          {field("fra", a.filterFrom, "date")}
          {field("til", a.filterTo, "date")}
          <div className="flex flex-wrap items-end gap-4">
            <button type="submit" className={buttonClass("primary")}>
              {a.filter}
            </button>
            {filter && (
              <a href={`/admin/logg/eksport?${query({ etter: "" })}`} download>
                {a.exportCsv}
              </a>
            )}
          </div>
        </form>

        {problem && (
          <p role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 font-semibold">
            {fill(a.auditInvalid, { problem })}
          </p>
        )}
        {page && page.rows.length === 0 && <p role="status">{a.auditEmpty}</p>}
        {page && page.rows.length > 0 && (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse bg-white text-left text-sm">
              <caption className="sr-only">{a.auditTitle}</caption>
              <thead>
                <tr className="border-b-2 border-slate-600">
                  {(["at", "actor", "action", "subject", "details"] as const).map((c) => (
                    <th key={c} scope="col" className="p-2">
                      {a.auditColumns[c]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {page.rows.map((r) => (
                  <tr key={String(r.id)} className="border-b border-slate-300 align-top">
                    <td className="p-2 whitespace-nowrap">
                      <time dateTime={r.at.toISOString()}>{formatDateTime(r.at, m.lang)}</time>
                    </td>
                    <td className="p-2 break-all">
                      {a.actors[r.actorKind as keyof typeof a.actors] ?? r.actorKind}
                      {r.actorName ? ` (${r.actorName})` : r.actorId ? ` ${r.actorId}` : ""}
                    </td>
                    <td className="p-2">
                      <code>{r.action}</code>
                    </td>
                    <td className="p-2 break-all">
                      {r.subjectType === "MAILBOX" ? (
                        <Link href={`/admin/e-postkontoer/${r.subjectId}`}>{r.subjectId}</Link>
                      ) : r.subjectType === "CUSTOMER" ? (
                        <Link href={`/admin/kunder/${r.subjectId}`}>{r.subjectId}</Link>
                      ) : (
                        `${r.subjectType} ${r.subjectId}`
                      )}
                    </td>
                    <td className="p-2 break-all">{r.after ? JSON.stringify(r.after) : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {page?.nextAfter && (
          <p>
            <Link href={`/admin/logg?${query({ etter: page.nextAfter })}`}>{a.nextPage}</Link>
          </p>
        )}
      </div>
    </PageShell>
  );
}
