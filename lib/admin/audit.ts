// The audit view (issue 5, R-ADM-2): audit events filtered by actor, action, subject and time,
// newest first, a page at a time (keyset on the id), and the same filter exported as CSV.
import { recordAudit } from "@/lib/audit/service";
import { actorId, type ServiceContext } from "@/lib/actor";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { addCalendarDays, startOfOsloDay } from "@/lib/lifecycle/calendar";
import { POLICY } from "@/lib/policy";

const date = z.union([z.literal(""), z.iso.date()]);

/** The filter as the page's GET form sends it (Norwegian parameter names, as the URL shows them). */
export const auditFilterSchema = z.object({
  aktortype: z.union([z.literal(""), z.enum(["CUSTOMER", "MAILBOX", "AGENT", "SYSTEM"])]).default(""),
  aktor: z.string().trim().max(320).default(""),
  handling: z
    .string()
    .trim()
    .max(80)
    .regex(/^[a-zA-Z.]*$/)
    .default(""),
  gjelder: z.string().trim().max(320).default(""),
  fra: date.default(""),
  til: date.default(""),
  // The page after this event id (keyset pagination: stable while new events arrive).
  etter: z
    .string()
    .regex(/^\d{0,19}$/)
    .default(""),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;

export type AuditRow = {
  id: bigint;
  at: Date;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
};

function where(f: AuditFilter, afterId: bigint | null): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (f.aktortype) parts.push(Prisma.sql`e."actorKind" = ${f.aktortype}::"ActorKind"`);
  if (f.aktor) parts.push(Prisma.sql`e."actorId" = ${f.aktor}`);
  // "mailbox." finds every mailbox action; "mailbox.restore" just that one.
  if (f.handling)
    parts.push(f.handling.endsWith(".") ? Prisma.sql`e.action LIKE ${f.handling + "%"}` : Prisma.sql`e.action = ${f.handling}`);
  if (f.gjelder) parts.push(Prisma.sql`e."subjectId" = ${f.gjelder}`);
  if (f.fra) parts.push(Prisma.sql`e.at >= ${startOfOsloDay(f.fra)}::timestamp`);
  if (f.til) parts.push(Prisma.sql`e.at < ${addCalendarDays(startOfOsloDay(f.til), 1)}::timestamp`);
  if (afterId !== null) parts.push(Prisma.sql`e.id < ${afterId}`);
  return Prisma.join(parts, " AND ");
}

/** One batch of events, newest first, with agents' names. */
export async function auditEvents(
  db: Db,
  f: AuditFilter,
  limit: number,
  afterId: bigint | null = f.etter ? BigInt(f.etter) : null,
): Promise<AuditRow[]> {
  return db.$queryRaw<AuditRow[]>`
    SELECT e.id, e.at, e."actorKind"::text AS "actorKind", e."actorId", a.name AS "actorName", e.action,
           e."subjectType", e."subjectId", e.before, e.after, e."requestId"
    FROM "AuditEvent" e
    LEFT JOIN "Agent" a ON e."actorKind" = 'AGENT' AND a.id::text = e."actorId"
    WHERE ${where(f, afterId)}
    ORDER BY e.id DESC
    LIMIT ${limit}`;
}

export async function auditPage(db: Db, f: AuditFilter) {
  const size = POLICY.auditView.pageSize;
  const rows = await auditEvents(db, f, size + 1);
  return { rows: rows.slice(0, size), nextAfter: rows.length > size ? String(rows[size - 1]!.id) : null };
}

export const CSV_COLUMNS = [
  "id",
  "at",
  "actorKind",
  "actorId",
  "actorName",
  "action",
  "subjectType",
  "subjectId",
  "before",
  "after",
  "requestId",
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Anything a
 * spreadsheet could run as a formula gets an apostrophe before it (OWASP CSV injection), since
 * names and reasons are typed by people: at the start of the field, and after any character a
 * spreadsheet may split on (comma, semicolon, tab, pipe: a Norwegian spreadsheet opening the file
 * with ";" as its separator sees "a;=1+1;b" as three cells).
 */
export function csvField(value: unknown): string {
  let text =
    value === null || value === undefined
      ? ""
      : value instanceof Date
        ? value.toISOString()
        : typeof value === "object"
          ? JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v))
          : String(value);
  text = text.replace(/(^|[,;\t|\r\n])([=+\-@\t\r])/g, "$1'$2");
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(row: AuditRow): string {
  return CSV_COLUMNS.map((c) => csvField(row[c])).join(",") + "\r\n";
}

/** An export carries customers' data out of the portal: it is itself audited (R-ADM-2). */
export async function recordAuditExport(ctx: ServiceContext, filter: AuditFilter) {
  await ctx.db.$transaction((tx) =>
    recordAudit(tx, ctx, { action: "audit.export", subjectType: "AGENT", subjectId: actorId(ctx.actor), after: { filter } }),
  );
}

/** The whole filtered log as CSV lines, fetched in batches so memory stays flat; capped. */
export async function* auditCsv(db: Db, f: AuditFilter): AsyncGenerator<string> {
  yield CSV_COLUMNS.join(",") + "\r\n";
  let after: bigint | null = f.etter ? BigInt(f.etter) : null;
  let written = 0;
  const max = POLICY.auditView.exportMaxRows;
  while (written < max) {
    const batch = await auditEvents(db, f, Math.min(5000, max - written), after);
    const last = batch.at(-1);
    if (!last) return;
    for (const row of batch) yield csvLine(row);
    written += batch.length;
    after = last.id;
  }
}
