// The lifecycle sweep: applies every transition that is due (lib/lifecycle/machine.ts) to every
// mailbox, in batches, each batch one transaction. Safe to run in several workers at once (rows
// are taken with FOR UPDATE SKIP LOCKED and re-judged under the lock) and after a crash (a batch
// either happened or did not; the notice key (mailbox, kind, cycle) makes every notice once-only).
// E-mails are written to the outbox in the same transaction and composed and delivered afterwards
// (lib/mail/delivery.ts).
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/service";
import { fixedClock, type Clock } from "@/lib/clock";
import type { Db, Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { dueAt, WARNING_KINDS, type Warning } from "@/lib/lifecycle/machine";
import { deletionDueAt } from "@/lib/lifecycle/rules";
import { wipeAndRetire } from "@/lib/lifecycle/deletion";
import { endMailboxAccess } from "@/lib/lifecycle/access";
import type { NoticeKind } from "@/lib/notices/compose";
import { POLICY } from "@/lib/policy";

export type SweepReport = {
  examined: number;
  warnings14: number;
  warnings7: number;
  locked: number;
  deleted: number;
  notices: number;
  /** Mailboxes whose lock waits for a warning that has not been delivered yet (R-LC-6). */
  held: number;
  batches: number;
};

type Row = {
  id: string;
  address: string;
  status: "ACTIVE" | "LOCKED" | "DELETED";
  lockReason: "INACTIVITY" | "BROADBAND_ENDED" | null;
  cycleStartedAt: Date;
  lastLoginAt: Date | null;
  lockedAt: Date | null;
};

const SYSTEM: Actor = { kind: "SYSTEM", process: "lifecycle" };

/**
 * Mailboxes where something may be due: a superset of what the machine will act on. The due dates
 * are computed here by the same rule as in lib/lifecycle/calendar.ts, on Oslo wall-clock time
 * (PostgreSQL also clamps 31 August + 6 months to 28 February). The two can differ only where a
 * wall-clock time falls in the hour the autumn change repeats (PostgreSQL takes the later one,
 * the portal the earlier): one hour, the margin. Converting to Oslo time costs a few microseconds
 * a row, so a cheap test in UTC comes first: it can be later than the Oslo one by a day from the
 * date line, three from clamping to a month's end and two hours of offset, so four days cover it.
 * The machine decides exactly. Read in one pass of the table (a cursor, in whatever order the rows
 * lie): walking the primary key fetched every mailbox's row at random.
 */
function declareCandidates(tx: Tx, now: Date) {
  const L = POLICY.lifecycle;
  const zone = L.timeZone;
  const local = (column: Prisma.Sql) => Prisma.sql`((${column}) AT TIME ZONE 'UTC' AT TIME ZONE ${zone})`;
  const instant = (wallClock: Prisma.Sql) => Prisma.sql`((${wallClock}) AT TIME ZONE ${zone} AT TIME ZONE 'UTC')`;
  const since = Prisma.sql`GREATEST(COALESCE("lastLoginAt", "cycleStartedAt"), "cycleStartedAt")`;
  const months = Prisma.sql`make_interval(months => ${L.inactivityMonths})`;
  const early = Prisma.sql`make_interval(days => ${L.warningDaysBeforeLock[0]})`;
  const firstWarning = instant(Prisma.sql`${local(since)} + ${months} - ${early}`);
  const deletion = instant(Prisma.sql`${local(Prisma.sql`"lockedAt"`)} + CASE WHEN "lockReason" = 'BROADBAND_ENDED'
    THEN make_interval(months => ${L.broadbandEndedDeletionMonths}) ELSE make_interval(days => ${L.restoreWindowDays}) END`);
  // The shorter of the two deletion delays, less the days a short month takes off.
  const shortestDeletion = Prisma.sql`make_interval(days => ${Math.min(L.restoreWindowDays, L.broadbandEndedDeletionMonths * 28)})`;
  const horizon = Prisma.sql`${now}::timestamp + interval '1 hour'`;
  const roughHorizon = Prisma.sql`${now}::timestamp + interval '4 days'`;
  return tx.$executeRaw`
    DECLARE lifecycle_candidates NO SCROLL CURSOR FOR
    SELECT id FROM "Mailbox"
    WHERE CASE status
      WHEN 'ACTIVE' THEN ${since} + ${months} - ${early} <= ${roughHorizon} AND ${firstWarning} <= ${horizon}
      WHEN 'LOCKED' THEN "lockedAt" + ${shortestDeletion} <= ${roughHorizon} AND ${deletion} <= ${horizon}
      ELSE false END`;
}

export async function sweepLifecycle(
  db: Db,
  clock: Clock,
  options: { batchSize?: number; concurrency?: number; requestId?: string; onBatchApplied?: (tx: Tx, batch: number) => Promise<void> } = {},
): Promise<SweepReport> {
  const report: SweepReport = { examined: 0, warnings14: 0, warnings7: 0, locked: 0, deleted: 0, notices: 0, held: 0, batches: 0 };
  const now = clock.now();
  const requestId = options.requestId ?? `sweep-${now.toISOString()}`;
  const batchSize = Math.trunc(options.batchSize ?? POLICY.sweep.batchSize);
  const limit = options.concurrency ?? POLICY.sweep.concurrency;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;
  // The cursor lives in a read-only transaction of its own for the whole sweep; every batch is
  // applied in a transaction of its own, a few at a time, so the two cores share the work.
  await db.$transaction(
    async (cursor) => {
      await cursor.$executeRaw`SET TRANSACTION READ ONLY`;
      await declareCandidates(cursor, now);
      for (;;) {
        const rows = await cursor.$queryRawUnsafe<{ id: string }[]>(`FETCH ${batchSize} FROM lifecycle_candidates`);
        if (rows.length === 0) break;
        const ids = rows.map((r) => r.id);
        const batch = ++report.batches;
        const applying: Promise<void> = db
          .$transaction(
            async (tx) => {
              await applyBatch(tx, ids, now, requestId, report);
              await options.onBatchApplied?.(tx, batch);
            },
            // Under load a connection can take a while to come free: wait for one rather than fail
            // the whole sweep ("Unable to start a transaction in the given time").
            { timeout: 120_000, maxWait: 60_000 },
          )
          .catch((error) => {
            failure ??= error;
          })
          .finally(() => inFlight.delete(applying));
        inFlight.add(applying);
        if (inFlight.size >= limit) await Promise.race(inFlight);
        if (failure) break;
      }
      await Promise.all(inFlight);
    },
    // A sweep of millions of mailboxes takes a while; each batch has its own, shorter limit.
    { timeout: 60 * 60_000, maxWait: 60_000 },
  );
  if (failure) throw failure;
  return report;
}

async function applyBatch(tx: Tx, ids: string[], now: Date, requestId: string, report: SweepReport) {
  // Rows another worker holds are skipped: that worker applies them.
  const rows = await tx.$queryRaw<Row[]>`
    SELECT m.id, m.address, m.status::text AS status, m."lockReason"::text AS "lockReason", m."cycleStartedAt",
           m."lastLoginAt", m."lockedAt"
    FROM "Mailbox" m
    WHERE m.id = ANY(${ids}::uuid[]) AND m.status <> 'DELETED'
    FOR UPDATE SKIP LOCKED`;
  if (rows.length === 0) return;
  report.examined += rows.length;
  // One array parameter rather than thousands of bound ids.
  const sent = await tx.$queryRaw<(Warning & { mailboxId: string })[]>`
    SELECT "mailboxId", kind, cycle, "queuedAt", "deliveredAt", deadline FROM "Notice"
    WHERE "mailboxId" = ANY(${rows.map((r) => r.id)}::uuid[]) AND kind = ANY(${[...WARNING_KINDS]}::text[])`;
  const warningsOf = new Map<string, Warning[]>();
  for (const w of sent) warningsOf.set(w.mailboxId, [...(warningsOf.get(w.mailboxId) ?? []), w]);

  // Decide everything first (pure), then write it in a handful of set-based statements.
  const notices: PlannedNotice[] = [];
  const locks: Row[] = [];
  const audits: { mailboxId: string; action: string; before: Record<string, unknown>; after: Record<string, unknown> }[] = [];
  const deletions = { inactivity: [] as Row[], broadbandEnded: [] as Row[] };
  for (const row of rows) {
    const due = dueAt({ ...row, warnings: warningsOf.get(row.id) ?? [] }, now);
    if (due.action === "warn") {
      notices.push({ row, kind: due.kind, cycle: due.cycle, date: due.lockAt });
    } else if (due.action === "lock") {
      locks.push(row);
      audits.push({
        mailboxId: row.id,
        action: "mailbox.lock",
        before: { status: "ACTIVE", lockDueAt: due.cycle.toISOString() },
        after: { status: "LOCKED", lockReason: "INACTIVITY" },
      });
      notices.push({ row, kind: "LOCKED", cycle: now, date: deletionDueAt({ lockReason: "INACTIVITY", lockedAt: now }) });
    } else if (due.action === "delete") {
      (due.reason === "INACTIVITY" ? deletions.inactivity : deletions.broadbandEnded).push(row);
      audits.push({
        mailboxId: row.id,
        action: "mailbox.delete",
        before: { status: "LOCKED", lockReason: row.lockReason, lockedAt: row.lockedAt?.toISOString() ?? null },
        after: { status: "DELETED" },
      });
      // The mailbox itself can no longer receive mail: only the customer is told (recordNotices).
      notices.push({ row, kind: "DELETED", cycle: now, date: null });
      report.deleted++;
    } else if (due.action === "hold") {
      // R-LC-6: a warning not yet delivered holds everything after it; delivery keeps trying.
      report.held++;
    }
  }
  await wipeAndRetire(tx, deletions.inactivity, now, "inactivity");
  await wipeAndRetire(tx, deletions.broadbandEnded, now, "broadbandEnded");
  if (locks.length) {
    await tx.$executeRaw`
      UPDATE "Mailbox" SET status = 'LOCKED', "lockReason" = 'INACTIVITY', "lockedAt" = ${now}::timestamp, "updatedAt" = ${now}::timestamp
      WHERE id = ANY(${locks.map((r) => r.id)}::uuid[]) AND status = 'ACTIVE'`;
    report.locked += locks.length;
    // R-SEC-7: a locked mailbox's sessions and links end, here and on the mail servers.
    await endMailboxAccess(tx, locks, now, { event: "MAILBOX_LOCKED", reason: "inactivity" });
  }
  await recordAudit(
    tx,
    { clock: fixedClock(now), actor: SYSTEM, requestId },
    audits.map((a) => ({ action: a.action, subjectType: "MAILBOX" as const, subjectId: a.mailboxId, before: a.before, after: a.after })),
  );
  await recordNotices(tx, notices, now, report);
}

type PlannedNotice = { row: Row; kind: NoticeKind; cycle: Date; date: Date | null };

/**
 * Writes the notices of a batch and their outbox rows in one statement; the unique key
 * (mailbox, kind, cycle) decides which notices are new, and only those get e-mail: to the mailbox
 * (unless it was just deleted) and to the customer's contact address. Written at delivery.
 */
async function recordNotices(tx: Tx, planned: PlannedNotice[], now: Date, report: SweepReport) {
  if (planned.length === 0) return;
  const counts = await tx.$queryRaw<{ kind: NoticeKind; n: number }[]>`
    WITH created AS (
      INSERT INTO "Notice" (id, "mailboxId", kind, cycle, deadline, "queuedAt")
      SELECT uuidv7(), v.mailbox_id, v.kind, v.cycle_tz AT TIME ZONE 'UTC', v.deadline_tz AT TIME ZONE 'UTC', ${now}::timestamp
      FROM unnest(${planned.map((p) => p.row.id)}::uuid[], ${planned.map((p) => p.kind)}::text[],
                  ${planned.map((p) => p.cycle.toISOString())}::timestamptz[],
                  ${planned.map((p) => p.date?.toISOString() ?? null)}::timestamptz[]) AS v(mailbox_id, kind, cycle_tz, deadline_tz)
      ON CONFLICT ("mailboxId", kind, cycle) DO NOTHING
      RETURNING id, "mailboxId", kind
    ), mails AS (
      INSERT INTO "OutgoingMail" (id, "noticeId", "to", "createdAt", "nextAttemptAt")
      SELECT uuidv7(), r.notice_id, r.recipient, ${now}::timestamp, ${now}::timestamp
      FROM (
        SELECT DISTINCT c.id AS notice_id, x.recipient
        FROM created c
        JOIN "Mailbox" m ON m.id = c."mailboxId"
        JOIN "Customer" cu ON cu.id = m."customerId"
        CROSS JOIN LATERAL (VALUES (CASE WHEN c.kind <> 'DELETED' THEN m.address END), (cu.email)) AS x(recipient)
        WHERE x.recipient IS NOT NULL
      ) r
      RETURNING 1
    )
    SELECT kind, count(*)::int AS n FROM created GROUP BY kind`;
  for (const { kind, n } of counts) {
    if (kind === "LOCK_WARNING_14") report.warnings14 += n;
    if (kind === "LOCK_WARNING_7") report.warnings7 += n;
    report.notices += n;
  }
}
