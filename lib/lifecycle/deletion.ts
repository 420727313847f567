// What deleting a mailbox means, whoever does it (the customer, or the lifecycle at the end of a
// window): credentials and 2FA wiped, sessions ended, billing ended (R-PAY-7), the address retired
// for ever (R-ACC-3), and an event for the mail platform to remove the mail itself. Runs inside the
// caller's transaction.
import type { Tx } from "@/lib/db";
import { endMailboxAccess } from "@/lib/lifecycle/access";

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
  // Its quarantine goes with it; every session and link that spoke for it ends, on the web and on
  // the mail servers, which also remove its mail (R-SEC-7, R-PLAT-3, R-ACC-5).
  await tx.quarantinedMessage.deleteMany({ where: mine });
  await endMailboxAccess(tx, mailboxes, now, { event: "MAILBOX_DELETED", reason });
  await tx.address.updateMany({
    where: { address: { in: mailboxes.map((m) => m.address) } },
    data: { retiredAt: now, retiredBecause: "DELETED" },
  });
}
