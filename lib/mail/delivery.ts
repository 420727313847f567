// Delivers the outbox (OutgoingMail) over SMTP, a few messages at a time. A message is leased
// before sending, so two workers never send the same one, and a worker that dies mid-send only
// delays it until the lease ends; the resend carries the same Message-ID (derived from the outbox
// id), so the receiving side can tell it is the same message. A server that refuses for now is
// tried again with growing waits (lifecycle notices for as long as it takes, R-LC-6); one that
// refuses for good (5xx to the envelope or message) is not asked again. A failure never holds up
// anything else.
import type { Clock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { smtpFailure, type MailTransport } from "@/lib/mail/transport";
import { announcedLockAt, type WarningKind } from "@/lib/lifecycle/machine";
import { lockDueAt } from "@/lib/lifecycle/rules";
import { composeNotice, type ComposedMail, type NoticeKind } from "@/lib/notices/compose";
import { POLICY } from "@/lib/policy";
import { redactLinkTokens } from "@/lib/crypto/link-tokens";
import { metrics } from "@/lib/metrics";

/** What notice e-mails need to say who sends them and where the customer acts. */
export type MailConfig = { from: string; brand: string; mailboxesUrl: string };

type Stored = {
  id: string;
  noticeId: string | null;
  subject: string | null;
  text: string | null;
  html: string | null;
  namedDate?: Date | null;
};

/** An outbox row's message as it would go out now. */
export type StoredMail = ComposedMail & {
  /** A lifecycle notice that no longer holds (the holder logged in, the lock was undone): not sent. */
  stale: boolean;
  /** The date this copy names (a warning's lock date as it stands now); null for other mail. */
  deadline: Date | null;
};

type NoticeFacts = {
  id: string;
  kind: NoticeKind;
  cycle: Date;
  deadline: Date | null;
  deliveredAt: Date | null;
  address: string;
  locale: string;
  status: "ACTIVE" | "LOCKED" | "DELETED";
  lockedAt: Date | null;
  lastLoginAt: Date | null;
  cycleStartedAt: Date;
};

const isWarning = (kind: NoticeKind): kind is WarningKind => kind === "LOCK_WARNING_14" || kind === "LOCK_WARNING_7";

/** Whether what a notice says is still true of its mailbox. */
function stillHolds(n: NoticeFacts): boolean {
  if (isWarning(n.kind)) return n.status === "ACTIVE" && lockDueAt(n).getTime() === n.cycle.getTime();
  if (n.kind === "LOCKED") return n.status === "LOCKED" && n.lockedAt?.getTime() === n.cycle.getTime();
  return true;
}

/**
 * The date a notice names in a copy written at `now`. A warning announces the lock date that will
 * apply if it is delivered now (R-LC-6), or what this copy was already sent with when the attempt
 * ended unknown; once one copy is delivered, that date is fixed.
 */
function namedDate(n: NoticeFacts, now: Date, frozen: Date | null | undefined): Date | null {
  if (!isWarning(n.kind) || n.deliveredAt) return n.deadline;
  return frozen ?? announcedLockAt(n.kind, n.deadline ?? n.cycle, now);
}

/**
 * The message of each outbox row: its own subject and body, or, for a notice, the notice written
 * in the customer's language with the date it names at `now`.
 */
export async function composeStored(db: Db, rows: Stored[], config: MailConfig, now: Date): Promise<Map<string, StoredMail>> {
  const noticeIds = [...new Set(rows.map((r) => r.noticeId).filter((id): id is string => !!id))];
  const notices = noticeIds.length
    ? await db.$queryRaw<NoticeFacts[]>`
        SELECT n.id, n.kind, n.cycle, n.deadline, n."deliveredAt", m.address, c.locale, m.status::text AS status,
               m."lockedAt", m."lastLoginAt", m."cycleStartedAt"
        FROM "Notice" n JOIN "Mailbox" m ON m.id = n."mailboxId" JOIN "Customer" c ON c.id = m."customerId"
        WHERE n.id = ANY(${noticeIds}::uuid[])`
    : [];
  const byId = new Map(notices.map((n) => [n.id, n]));
  const out = new Map<string, StoredMail>();
  for (const row of rows) {
    const notice = row.noticeId ? byId.get(row.noticeId) : undefined;
    if (notice) {
      const deadline = namedDate(notice, now, row.namedDate);
      const mail = composeNotice(notice.kind, notice.locale, {
        address: notice.address,
        date: deadline,
        brand: config.brand,
        mailboxesUrl: config.mailboxesUrl,
      });
      out.set(row.id, { ...mail, stale: !stillHolds(notice), deadline });
    } else {
      out.set(row.id, { subject: row.subject ?? "", text: row.text ?? "", html: row.html ?? "", stale: false, deadline: null });
    }
  }
  return out;
}

const D = POLICY.mailDelivery;

/**
 * Pure: when to try again after `attempts` failed attempts, or null when it is time to give up.
 * Lifecycle notices never give up (R-LC-6): their waits stop growing at the cap.
 */
export function nextAttemptAfter(attempts: number, now: Date, lifecycleNotice = false): Date | null {
  const listed: number | undefined = D.retryBackoffMinutes[attempts - 1];
  const wait = lifecycleNotice ? Math.min(listed ?? D.noticeRetryCapMinutes, D.noticeRetryCapMinutes) : listed;
  return wait === undefined ? null : new Date(now.getTime() + wait * 60_000);
}

/** The Message-ID of an outbox row: the same on every attempt, so a resend is recognisably one message. */
export function messageIdOf(outboxId: string, from: string): string {
  const domain = /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? "localhost";
  return `<${outboxId}@${domain}>`;
}

export async function deliverDueMail(db: Db, transport: MailTransport, clock: Clock, config: MailConfig) {
  const now = clock.now();
  const leaseUntil = new Date(now.getTime() + D.leaseMinutes * 60_000);
  const leased = await db.$queryRaw<(Stored & { to: string; attempts: number })[]>`
    UPDATE "OutgoingMail" SET "nextAttemptAt" = ${leaseUntil}::timestamp
    WHERE id IN (
      SELECT id FROM "OutgoingMail" WHERE status = 'PENDING' AND "nextAttemptAt" <= ${now}::timestamp
      ORDER BY "nextAttemptAt" LIMIT ${D.batchSize} FOR UPDATE SKIP LOCKED)
    RETURNING id, "noticeId", "to", subject, text, html, attempts, "namedDate"`;
  const messages = await composeStored(db, leased, config, now);
  // What each warning's copy names is written down before it is sent: a worker killed after the
  // server accepted it resends the very same message (same date, same Message-ID).
  const named = leased.filter((m) => m.noticeId && !m.namedDate && messages.get(m.id)!.deadline);
  if (named.length) {
    await db.$executeRaw`
      UPDATE "OutgoingMail" o SET "namedDate" = v.named AT TIME ZONE 'UTC'
      FROM unnest(${named.map((m) => m.id)}::uuid[], ${named.map((m) => messages.get(m.id)!.deadline!.toISOString())}::timestamptz[]) AS v(id, named)
      WHERE o.id = v.id`;
  }
  let sent = 0;
  let failed = 0;
  let cancelled = 0;
  // In parallel: the transport's small connection pool sets the pace.
  await Promise.all(
    leased.map(async (mail) => {
      const { stale, deadline, ...message } = messages.get(mail.id)!;
      if (stale) {
        await db.outgoingMail.update({ where: { id: mail.id }, data: { status: "CANCELLED" } });
        cancelled++;
        return;
      }
      try {
        await transport.send({ from: config.from, to: mail.to, ...message, messageId: messageIdOf(mail.id, config.from) });
      } catch (error) {
        const failure = smtpFailure(error);
        const attempts = mail.attempts + 1;
        const next = failure.permanent ? null : nextAttemptAfter(attempts, clock.now(), mail.noticeId !== null);
        await db.outgoingMail.update({
          where: { id: mail.id },
          // A failed attempt was not read by anyone: the next one names the date as it stands then.
          data: { attempts, lastError: failure.message, namedDate: null, ...(next ? { nextAttemptAt: next } : { status: "FAILED" }) },
        });
        failed++;
        return;
      }
      const at = clock.now();
      // Once sent, a report link's token has no business in the outbox (agents read it): hidden.
      const scrubbed =
        mail.text && mail.text !== redactLinkTokens(mail.text)
          ? { text: redactLinkTokens(mail.text), html: mail.html && redactLinkTokens(mail.html) }
          : {};
      // One statement: the copy is sent, and (R-LC-6) its notice counts from its first delivered copy
      // and names at least what this copy named.
      await db.$executeRaw`
      WITH sent AS (
        UPDATE "OutgoingMail" SET status = 'SENT', "sentAt" = ${at}::timestamp, attempts = ${mail.attempts + 1}, "lastError" = NULL,
               text = COALESCE(${scrubbed.text ?? null}, text), html = COALESCE(${scrubbed.html ?? null}, html)
        WHERE id = ${mail.id}::uuid RETURNING "noticeId")
      UPDATE "Notice" n SET "deliveredAt" = COALESCE(n."deliveredAt", ${at}::timestamp), deadline = GREATEST(n.deadline, ${deadline}::timestamp)
      FROM sent WHERE n.id = sent."noticeId"`;
      sent++;
    }),
  );
  metrics().deliveries.inc({ outcome: "sent" }, sent);
  metrics().deliveries.inc({ outcome: "failed" }, failed);
  return { leased: leased.length, sent, failed, cancelled };
}
