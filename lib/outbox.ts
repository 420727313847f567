// The one way an e-mail is sent: written to the outbox (OutgoingMail) in the transaction of the
// change that decided it, delivered afterwards with retries (lib/mail/delivery.ts). A slow or
// failing SMTP server never holds up a change, and a change that rolls back sends nothing.
import type { Tx } from "@/lib/db";
import type { ComposedMail } from "@/lib/notices/compose";

export async function queueMail(tx: Tx, to: string, mail: ComposedMail, now: Date) {
  await tx.outgoingMail.create({ data: { to, ...mail, createdAt: now, nextAttemptAt: now } });
}

/** The copies of a lifecycle notice, one per recipient, composed at delivery from the notice (its kind and date). */
export async function queueNoticeCopies(tx: Tx, noticeId: string, recipients: string[], now: Date) {
  await tx.outgoingMail.createMany({ data: recipients.map((to) => ({ noticeId, to, createdAt: now, nextAttemptAt: now })) });
}
