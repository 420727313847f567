// R-SEC-7: changing or resetting a mailbox's password, deleting it or locking it ends every
// session and link that speaks for it — the mailbox user's browsers, Cleanmail's sessions, report
// links and password — and tells the mail servers to end theirs (R-PLAT-3). One rule, one place;
// the caller's transaction.
import type { Tx } from "@/lib/db";
import { recordPlatformEvents, type PlatformEventKind } from "@/lib/mail-platform/events";

/** What was ended, for the security e-mail and the audit event. */
export type EndedAccess = { browserSessions: number; cleanmailSessions: number; cleanmailLinks: number };

export async function endMailboxAccess(
  tx: Tx,
  mailboxes: { id: string; address: string }[],
  now: Date,
  why: {
    event: Extract<PlatformEventKind, "PASSWORD_CHANGED" | "MAILBOX_LOCKED" | "MAILBOX_DELETED">;
    reason?: string;
    keepSessionId?: string;
  },
): Promise<EndedAccess> {
  if (mailboxes.length === 0) return { browserSessions: 0, cleanmailSessions: 0, cleanmailLinks: 0 };
  const ids = mailboxes.map((m) => m.id);
  const sessions = (kind: "MAILBOX" | "CLEANMAIL") =>
    tx.webSession.updateMany({
      where: { kind, principalId: { in: ids }, revokedAt: null, ...(why.keepSessionId ? { id: { not: why.keepSessionId } } : {}) },
      data: { revokedAt: now },
    });
  const browser = await sessions("MAILBOX");
  const cleanmail = await sessions("CLEANMAIL");
  const links = await tx.cleanmailLink.updateMany({ where: { mailboxId: { in: ids }, revokedAt: null }, data: { revokedAt: now } });
  // Cleanmail's own password was set from a session that spoke for the old password (R-SEC-4).
  await tx.mailbox.updateMany({ where: { id: { in: ids }, cleanmailPasswordHash: { not: null } }, data: { cleanmailPasswordHash: null } });
  await recordPlatformEvents(
    tx,
    mailboxes.map((m) => ({ kind: why.event, mailboxId: m.id, address: m.address, reason: why.reason })),
    now,
  );
  return { browserSessions: browser.count, cleanmailSessions: cleanmail.count, cleanmailLinks: links.count };
}
