// The lifecycle sweep: applies every transition that is due (lib/lifecycle/machine.ts) to every
// mailbox, in batches, each batch one transaction. Safe to run in several workers at once (rows
// are taken with FOR UPDATE SKIP LOCKED and re-judged under the lock) and after a crash (a batch
// either happened or did not; the notice key (mailbox, kind, cycle) makes every notice once-only).
// E-mails are written to the outbox in the same transaction and delivered afterwards.
import { actorId, type Actor } from "@/lib/actor";
import type { Clock } from "@/lib/clock";
import type { Db, Tx } from "@/lib/db";
import { dueAt, WARNING_KINDS, type SentWarning } from "@/lib/lifecycle/machine";
import { deletionDueAt } from "@/lib/lifecycle/rules";
import { wipeAndRetire } from "@/lib/mailboxes/deletion";
import { composeNotice, type NoticeKind } from "@/lib/notices/compose";
import { POLICY } from "@/lib/policy";

export type SweepConfig = { brand: string; mailboxesUrl: string };

export type SweepReport = {
  examined: number;
  warnings14: number;
  warnings7: number;
  locked: number;
  deleted: number;
  notices: number;
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
  customerEmail: string;
  locale: string;
};

const SYSTEM: Actor = { kind: "SYSTEM", process: "lifecycle" };

/**
 * Mailboxes where something may be due: a superset of what the machine will act on, narrow
 * enough for an index. Two days of margin cover calendar months and DST against PostgreSQL's
 * own interval arithmetic; the machine decides exactly.
 */
async function nextCandidates(db: Db, now: Date, after: string, limit: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Mailbox"
    WHERE id > ${after}::uuid AND (
      (status = 'ACTIVE' AND GREATEST(COALESCE("lastLoginAt", "cycleStartedAt"), "cycleStartedAt")
         <= ${now}::timestamp - make_interval(months => ${POLICY.lifecycle.inactivityMonths})
            + make_interval(days => ${POLICY.lifecycle.warningDaysBeforeLock[0] + 2}))
      OR (status = 'LOCKED' AND "lockedAt"
         <= ${now}::timestamp - make_interval(months => ${POLICY.lifecycle.broadbandEndedDeletionMonths}) + interval '2 days'))
    ORDER BY id LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

export async function sweepLifecycle(
  db: Db,
  clock: Clock,
  config: SweepConfig,
  options: { batchSize?: number; requestId?: string; onBatchApplied?: (tx: Tx, batch: number) => Promise<void> } = {},
): Promise<SweepReport> {
  const report: SweepReport = { examined: 0, warnings14: 0, warnings7: 0, locked: 0, deleted: 0, notices: 0, batches: 0 };
  const now = clock.now();
  const requestId = options.requestId ?? `sweep-${now.toISOString()}`;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const ids = await nextCandidates(db, now, after, options.batchSize ?? POLICY.sweep.batchSize);
    if (ids.length === 0) break;
    after = ids[ids.length - 1];
    report.batches++;
    await db.$transaction(
      async (tx) => {
        await applyBatch(tx, ids, now, config, requestId, report);
        await options.onBatchApplied?.(tx, report.batches);
      },
      { timeout: 60_000 },
    );
  }
  return report;
}

async function applyBatch(tx: Tx, ids: string[], now: Date, config: SweepConfig, requestId: string, report: SweepReport) {
  // Rows another worker holds are skipped: that worker applies them.
  const rows = await tx.$queryRaw<Row[]>`
    SELECT m.id, m.address, m.status::text AS status, m."lockReason"::text AS "lockReason", m."cycleStartedAt",
           m."lastLoginAt", m."lockedAt", c.email AS "customerEmail", c.locale
    FROM "Mailbox" m JOIN "Customer" c ON c.id = m."customerId"
    WHERE m.id = ANY(${ids}::uuid[]) AND m.status <> 'DELETED'
    FOR UPDATE OF m SKIP LOCKED`;
  if (rows.length === 0) return;
  const sent = await tx.notice.findMany({
    where: { mailboxId: { in: rows.map((r) => r.id) }, kind: { in: [...WARNING_KINDS] } },
    select: { mailboxId: true, kind: true, cycle: true, sentAt: true },
  });

  for (const row of rows) {
    report.examined++;
    const warnings = sent.filter((w) => w.mailboxId === row.id) as (SentWarning & { mailboxId: string })[];
    const due = dueAt({ ...row, warnings }, now);
    if (due.action === "none") continue;

    if (due.action === "warn") {
      const created = await recordNotice(tx, row, due.kind, due.cycle, now, due.lockAt, config);
      if (created) {
        report[due.kind === "LOCK_WARNING_14" ? "warnings14" : "warnings7"]++;
        report.notices++;
      }
    } else if (due.action === "lock") {
      await tx.mailbox.update({ where: { id: row.id }, data: { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: now } });
      await audit(tx, row.id, "mailbox.lock", { status: "ACTIVE", lockDueAt: due.cycle.toISOString() }, { status: "LOCKED", lockReason: "INACTIVITY" }, now, requestId);
      const restoreUntil = deletionDueAt({ lockReason: "INACTIVITY", lockedAt: now });
      if (await recordNotice(tx, row, "LOCKED", now, now, restoreUntil, config)) report.notices++;
      report.locked++;
    } else if (due.action === "delete") {
      await wipeAndRetire(tx, row, now, due.reason === "INACTIVITY" ? "inactivity" : "broadbandEnded");
      await audit(tx, row.id, "mailbox.delete", { status: "LOCKED", lockReason: row.lockReason, lockedAt: row.lockedAt?.toISOString() ?? null }, { status: "DELETED" }, now, requestId);
      // The mailbox itself can no longer receive mail: only the customer is told.
      if (await recordNotice(tx, row, "DELETED", now, now, null, config, { toMailbox: false })) report.notices++;
      report.deleted++;
    }
  }
}

/** Writes the notice once (the unique key decides) and its e-mails to the outbox. */
async function recordNotice(
  tx: Tx,
  row: Row,
  kind: NoticeKind,
  cycle: Date,
  now: Date,
  date: Date | null,
  config: SweepConfig,
  { toMailbox = true } = {},
): Promise<boolean> {
  const [notice] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "Notice" (id, "mailboxId", kind, cycle, "sentAt")
    VALUES (gen_random_uuid(), ${row.id}::uuid, ${kind}, ${cycle}::timestamp, ${now}::timestamp)
    ON CONFLICT ("mailboxId", kind, cycle) DO NOTHING
    RETURNING id`;
  if (!notice) return false;
  const mail = composeNotice(kind, row.locale, { address: row.address, date, brand: config.brand, mailboxesUrl: config.mailboxesUrl });
  const recipients = [...new Set([...(toMailbox ? [row.address] : []), row.customerEmail])];
  await tx.outgoingMail.createMany({
    data: recipients.map((to) => ({ noticeId: notice.id, to, ...mail, createdAt: now, nextAttemptAt: now })),
  });
  return true;
}

async function audit(tx: Tx, mailboxId: string, action: string, before: object, after: object, at: Date, requestId: string) {
  await tx.auditEvent.create({
    data: { at, actorKind: "SYSTEM", actorId: actorId(SYSTEM), action, subjectType: "MAILBOX", subjectId: mailboxId, before, after, requestId },
  });
}
