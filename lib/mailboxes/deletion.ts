// What deleting a mailbox means, whoever does it (the customer, or the lifecycle at the end of a
// window): credentials and 2FA wiped, sessions ended, billing ended (R-PAY-7), the address retired
// for ever (R-ACC-3), and an event for the mail platform to remove the mail itself. Runs inside the
// caller's transaction.
import type { Tx } from "@/lib/db";

export async function wipeAndRetire(
  tx: Tx,
  mailbox: { id: string; address: string },
  now: Date,
  reason: "customer" | "inactivity" | "broadbandEnded",
) {
  const deleted = await tx.mailbox.update({
    where: { id: mailbox.id },
    data: { status: "DELETED", deletedAt: now, lockReason: null, passwordHash: null, sendBlockedUntil: null },
  });
  await tx.twoFactor.deleteMany({ where: { kind: "MAILBOX", principalId: mailbox.id } });
  // R-PAY-7: nobody pays for a mailbox that no longer exists; open offers and moves end with it.
  await tx.paidPeriod.updateMany({ where: { mailboxId: mailbox.id, endsAt: null }, data: { endsAt: now } });
  await tx.paidPlanOffer.updateMany({ where: { mailboxId: mailbox.id, status: { in: ["PENDING", "EXPIRED"] } }, data: { status: "WITHDRAWN", decidedAt: now } });
  await tx.mailboxTransfer.updateMany({ where: { mailboxId: mailbox.id, status: "PENDING" }, data: { status: "CANCELLED", decidedAt: now } });
  // Its quarantine goes with it; report links stop working (and Cleanmail sessions end below).
  await tx.quarantinedMessage.deleteMany({ where: { mailboxId: mailbox.id } });
  await tx.cleanmailLink.updateMany({ where: { mailboxId: mailbox.id, revokedAt: null }, data: { revokedAt: now } });
  await tx.webSession.updateMany({ where: { kind: "CLEANMAIL", principalId: mailbox.id, revokedAt: null }, data: { revokedAt: now } });
  await tx.recoveryCode.deleteMany({ where: { kind: "MAILBOX", principalId: mailbox.id } });
  await tx.address.update({ where: { address: mailbox.address }, data: { retiredAt: now, retiredBecause: "DELETED" } });
  await tx.webSession.updateMany({ where: { kind: "MAILBOX", principalId: mailbox.id, revokedAt: null }, data: { revokedAt: now } });
  await tx.mailPlatformEvent.create({
    data: { kind: "MAILBOX_DELETED", mailboxId: mailbox.id, address: mailbox.address, payload: { reason }, createdAt: now },
  });
  return deleted;
}
