// Delivers the outbox (OutgoingMail) over SMTP, a few messages at a time. A message is leased
// before sending, so two workers never send the same one, and a worker that dies mid-send only
// delays it until the lease ends. Failures are retried with growing waits; a failure never holds
// up anything else.
import type { Clock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import type { MailTransport } from "@/lib/mail/transport";
import { composeNotice, type ComposedMail, type NoticeKind } from "@/lib/notices/compose";
import { POLICY } from "@/lib/policy";
import { redactLinkTokens } from "@/lib/cleanmail/tokens";

/** What notice e-mails need to say who sends them and where the customer acts. */
export type MailConfig = { from: string; brand: string; mailboxesUrl: string };

type Stored = { id: string; noticeId: string | null; subject: string | null; text: string | null; html: string | null };

/**
 * The message of each outbox row: its own subject and body, or, for a notice, the notice written
 * in the customer's language with the deadline it recorded.
 */
export async function composeStored(db: Db, rows: Stored[], config: MailConfig): Promise<Map<string, ComposedMail>> {
  const noticeIds = [...new Set(rows.map((r) => r.noticeId).filter((id): id is string => !!id))];
  const notices = noticeIds.length
    ? await db.$queryRaw<{ id: string; kind: NoticeKind; deadline: Date | null; address: string; locale: string }[]>`
        SELECT n.id, n.kind, n.deadline, m.address, c.locale
        FROM "Notice" n JOIN "Mailbox" m ON m.id = n."mailboxId" JOIN "Customer" c ON c.id = m."customerId"
        WHERE n.id = ANY(${noticeIds}::uuid[])`
    : [];
  const byId = new Map(notices.map((n) => [n.id, n]));
  const out = new Map<string, ComposedMail>();
  for (const row of rows) {
    const notice = row.noticeId ? byId.get(row.noticeId) : undefined;
    if (notice) {
      out.set(row.id, composeNotice(notice.kind, notice.locale, { address: notice.address, date: notice.deadline, brand: config.brand, mailboxesUrl: config.mailboxesUrl }));
    } else {
      out.set(row.id, { subject: row.subject ?? "", text: row.text ?? "", html: row.html ?? "" });
    }
  }
  return out;
}

const D = POLICY.mailDelivery;

/** Pure: when to try again after `attempts` failed attempts, or null when it is time to give up. */
export function nextAttemptAfter(attempts: number, now: Date): Date | null {
  const wait = D.retryBackoffMinutes[attempts - 1];
  return wait === undefined ? null : new Date(now.getTime() + wait * 60_000);
}

export async function deliverDueMail(db: Db, transport: MailTransport, clock: Clock, config: MailConfig) {
  const now = clock.now();
  const leaseUntil = new Date(now.getTime() + D.leaseMinutes * 60_000);
  const leased = await db.$queryRaw<(Stored & { to: string; attempts: number })[]>`
    UPDATE "OutgoingMail" SET "nextAttemptAt" = ${leaseUntil}::timestamp
    WHERE id IN (
      SELECT id FROM "OutgoingMail" WHERE status = 'PENDING' AND "nextAttemptAt" <= ${now}::timestamp
      ORDER BY "nextAttemptAt" LIMIT ${D.batchSize} FOR UPDATE SKIP LOCKED)
    RETURNING id, "noticeId", "to", subject, text, html, attempts`;
  const messages = await composeStored(db, leased, config);
  let sent = 0;
  let failed = 0;
  // In parallel: the transport's small connection pool sets the pace.
  await Promise.all(leased.map(async (mail) => {
    try {
      await transport.send({ from: config.from, to: mail.to, ...messages.get(mail.id)! });
      // Once sent, a report link's token has no business in the outbox (agents read it): hidden.
      const scrubbed = mail.text && mail.text !== redactLinkTokens(mail.text) ? { text: redactLinkTokens(mail.text), html: mail.html && redactLinkTokens(mail.html) } : {};
      await db.outgoingMail.update({ where: { id: mail.id }, data: { status: "SENT", sentAt: clock.now(), attempts: mail.attempts + 1, lastError: null, ...scrubbed } });
      sent++;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const next = nextAttemptAfter(attempts, clock.now());
      await db.outgoingMail.update({
        where: { id: mail.id },
        data: { attempts, lastError: String(error instanceof Error ? error.message : error).slice(0, 500), ...(next ? { nextAttemptAt: next } : { status: "FAILED" }) },
      });
      failed++;
    }
  }));
  return { leased: leased.length, sent, failed };
}
