// Delivers the outbox (OutgoingMail) over SMTP, a few messages at a time. A message is leased
// before sending, so two workers never send the same one, and a worker that dies mid-send only
// delays it until the lease ends. Failures are retried with growing waits; a failure never holds
// up anything else.
import type { Clock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import type { MailTransport } from "@/lib/mail/transport";
import { POLICY } from "@/lib/policy";

const D = POLICY.mailDelivery;

/** Pure: when to try again after `attempts` failed attempts, or null when it is time to give up. */
export function nextAttemptAfter(attempts: number, now: Date): Date | null {
  const wait = D.retryBackoffMinutes[attempts - 1];
  return wait === undefined ? null : new Date(now.getTime() + wait * 60_000);
}

export async function deliverDueMail(db: Db, transport: MailTransport, clock: Clock, from: string) {
  const now = clock.now();
  const leaseUntil = new Date(now.getTime() + D.leaseMinutes * 60_000);
  const leased = await db.$queryRaw<{ id: string; to: string; subject: string; text: string; html: string; attempts: number }[]>`
    UPDATE "OutgoingMail" SET "nextAttemptAt" = ${leaseUntil}::timestamp
    WHERE id IN (
      SELECT id FROM "OutgoingMail" WHERE status = 'PENDING' AND "nextAttemptAt" <= ${now}::timestamp
      ORDER BY "nextAttemptAt" LIMIT ${D.batchSize} FOR UPDATE SKIP LOCKED)
    RETURNING id, "to", subject, text, html, attempts`;
  let sent = 0;
  let failed = 0;
  for (const mail of leased) {
    try {
      await transport.send({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
      await db.outgoingMail.update({ where: { id: mail.id }, data: { status: "SENT", sentAt: clock.now(), attempts: mail.attempts + 1, lastError: null } });
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
  }
  return { leased: leased.length, sent, failed };
}
