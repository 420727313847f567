// The mailbox's history for agents: logins, e-mail sent (with its delivery outcome and the
// message itself) and audit events, newest first. Presentational.
import type { TimelineEntry } from "@/lib/admin/queries";
import { fill, formatDateTime } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/nb";

const ACTORS = ["CUSTOMER", "MAILBOX", "AGENT", "SYSTEM"] as const;

/** An audit event's before/after, as "key: value" pairs; the reason first. */
function changes(value: unknown): string {
  if (!value || typeof value !== "object") return "";
  return Object.entries(value as Record<string, unknown>)
    .filter(([key]) => key !== "reason")
    .map(([key, v]) => `${key}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(", ");
}

function reasonOf(value: unknown): string | null {
  const reason = value && typeof value === "object" ? (value as Record<string, unknown>).reason : null;
  return typeof reason === "string" ? reason : null;
}

export function Timeline({ entries, m }: { entries: TimelineEntry[]; m: Messages }) {
  const a = m.admin;
  if (entries.length === 0) return <p>{a.timelineEmpty}</p>;
  return (
    <ol className="divide-y divide-slate-300 rounded-md border border-slate-300 bg-white">
      {entries.map((e, i) => (
        <li key={i} className="space-y-1 p-3">
          <p className="text-sm text-slate-700">
            <time dateTime={e.at.toISOString()}>{formatDateTime(e.at, m.lang)}</time>
          </p>
          {e.type === "login" && <p>{fill(a.loginVia, { protocol: e.protocol })}</p>}
          {e.type === "mail" && (
            <>
              <p className="break-words">{fill(a.mailTo, { to: e.to, subject: e.subject })}</p>
              <p className="text-sm">
                {fill(a.mailStatus[e.status as keyof typeof a.mailStatus] ?? e.status, {
                  attempts: e.attempts,
                  date: e.sentAt ? formatDateTime(e.sentAt, m.lang) : "",
                })}
                {e.lastError ? ` · ${fill(a.lastError, { error: e.lastError })}` : ""}
              </p>
              <details>
                <summary className="cursor-pointer text-brand underline">{a.showMail}</summary>
                <pre className="mt-2 whitespace-pre-wrap break-words rounded bg-slate-100 p-3 text-sm">{e.text}</pre>
              </details>
            </>
          )}
          {e.type === "audit" && (
            <>
              <p>
                <code className="font-mono">{e.action}</code>{" "}
                {fill(a.by, {
                  actor: (ACTORS as readonly string[]).includes(e.actorKind)
                    ? a.actors[e.actorKind as (typeof ACTORS)[number]]
                    : e.actorKind,
                })}
                {e.actorKind === "AGENT" && e.actor ? ` (${e.actor})` : ""}
              </p>
              {reasonOf(e.after) && (
                <p className="text-sm">
                  {a.reason}: «{reasonOf(e.after)}»
                </p>
              )}
              {changes(e.after) && <p className="text-sm break-words text-slate-700">{changes(e.after)}</p>}
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
