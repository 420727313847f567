// What deleting a mailbox means, whoever does it (the customer, or the lifecycle at the end of a
// window): credentials and 2FA wiped, sessions ended, billing ended (R-PAY-7), the address retired
// for ever (R-ACC-3), and an event for the mail platform to remove the mail itself. Runs inside the
// caller's transaction.
import type { Tx } from "@/lib/db";

type DeletionReason = "customer" | "inactivity" | "broadbandEnded";

/**
 * One statement per kind of thing wiped, however many mailboxes: the lifecycle sweep deletes
 * thousands at a time, the customer one.
 */
export async function wipeAndRetire(tx: Tx, mailboxes: { id: string; address: string }[], now: Date, reason: DeletionReason) {
  if (mailboxes.length === 0) return;
  const ids = mailboxes.map((m) => m.id);
  const mine = { mailboxId: { in: ids } };
  const principals = { principalId: { in: ids } };
  await tx.mailbox.updateMany({
    where: { id: { in: ids } },
    data: { status: "DELETED", deletedAt: now, lockReason: null, passwordHash: null, sendBlockedUntil: null },
  });
  await tx.twoFactor.deleteMany({ where: { kind: "MAILBOX", ...principals } });
  await tx.recoveryCode.deleteMany({ where: { kind: "MAILBOX", ...principals } });
  // R-PAY-7: nobody pays for a mailbox that no longer exists; open offers and moves end with it.
  await tx.paidPeriod.updateMany({ where: { ...mine, endsAt: null }, data: { endsAt: now } });
  await tx.paidPlanOffer.updateMany({
    where: { ...mine, status: { in: ["PENDING", "EXPIRED"] } },
    data: { status: "WITHDRAWN", decidedAt: now },
  });
  await tx.mailboxTransfer.updateMany({ where: { ...mine, status: "PENDING" }, data: { status: "CANCELLED", decidedAt: now } });
  // Its quarantine goes with it; report links stop working, and its sessions (mailbox area and
  // Cleanmail) end.
  await tx.quarantinedMessage.deleteMany({ where: mine });
  await tx.cleanmailLink.updateMany({ where: { ...mine, revokedAt: null }, data: { revokedAt: now } });
  await tx.webSession.updateMany({
    where: { kind: { in: ["MAILBOX", "CLEANMAIL"] }, ...principals, revokedAt: null },
    data: { revokedAt: now },
  });
  await tx.address.updateMany({
    where: { address: { in: mailboxes.map((m) => m.address) } },
    data: { retiredAt: now, retiredBecause: "DELETED" },
  });
  await tx.mailPlatformEvent.createMany({
    data: mailboxes.map((m) => ({ kind: "MAILBOX_DELETED", mailboxId: m.id, address: m.address, payload: { reason }, createdAt: now })),
  });
}
