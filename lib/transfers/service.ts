// Moving a mailbox to another owner (R-TR-1, R-TR-2): the owner names the receiver (customer
// number and the receiver's e-mail, so a typo cannot hand a mailbox to a stranger), the receiver
// approves or declines on Mine sider. Approval moves the mailbox with its address, mail and 2FA,
// and is refused when the receiver already has 5 active mailboxes; the limit holds in the
// database (both customers' rows are locked, in a fixed order).
import { hasRoomForAnotherMailbox, lockCustomers } from "@/lib/customers/locks";
import type { ServiceContext } from "@/lib/actor";
import type { Db, Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/service";
import { countFailure, isBlocked } from "@/lib/throttle/throttle";
import { DomainError, fail, inTransaction } from "@/lib/errors/domain";
import { isUuid } from "@/lib/ids";
import { addCalendarDays } from "@/lib/lifecycle/calendar";
import { composeTransferDecided, composeTransferRequest } from "@/lib/notices/commerce";
import { queueMail } from "@/lib/outbox";
import { POLICY } from "@/lib/policy";

export type TransferError =
  | "notFound"
  | "receiverNotFound"
  | "tooManyWrongReceivers"
  | "sameOwner"
  | "notActive"
  | "alreadyPending"
  | "notPending"
  | "expired"
  | "mailboxGone"
  | "receiverNoBroadband"
  | "receiverFull";

export type TransferConfig = { brand: string; url: string; requestDays: number };

function customerOf(ctx: ServiceContext): string {
  if (ctx.actor.kind !== "CUSTOMER") throw new DomainError("notFound");
  return ctx.actor.customerId;
}

const run = <T>(ctx: ServiceContext, work: (tx: Tx) => Promise<T>) =>
  inTransaction<T, TransferError>(ctx.db, work, { onUnique: { code: "alreadyPending" } });

const expireStale = (tx: Tx, where: { mailboxId?: string; id?: string }, now: Date) =>
  tx.mailboxTransfer.updateMany({
    where: { ...where, status: "PENDING", expiresAt: { lte: now } },
    data: { status: "EXPIRED", decidedAt: now },
  });

const T = POLICY.transfers;
const wrongReceivers = {
  limit: T.wrongReceiverLimit,
  windowMinutes: T.wrongReceiverWindowMinutes,
  blockMinutes: T.wrongReceiverBlockMinutes,
};

export async function requestTransfer(
  ctx: ServiceContext,
  config: TransferConfig,
  input: { mailboxId: string; customerNumber: string; email: string },
) {
  if (ctx.actor.kind !== "CUSTOMER") return fail<TransferError>("notFound");
  // Wrong number/e-mail pairs are counted per owner (outside the transaction, which a refusal
  // rolls back), so the form cannot be used to find out which pairs exist.
  const ownerId = ctx.actor.customerId;
  const guesses = `transfer-receiver:${ownerId}`;
  if (await isBlocked(ctx.db, guesses, ctx.clock.now())) return fail<TransferError>("tooManyWrongReceivers");
  const result = await run(ctx, async (tx) => {
    if (!isUuid(input.mailboxId)) throw new DomainError("notFound");
    const now = ctx.clock.now();
    const receiver = await tx.customer.findFirst({
      where: { customerNumber: input.customerNumber.trim(), email: input.email.trim().toLowerCase() },
    });
    // One answer for "no such number", "no such e-mail" and "they do not match": nothing to learn.
    if (!receiver) throw new DomainError("receiverNotFound", "customerNumber");
    if (receiver.id === ownerId) throw new DomainError("sameOwner", "customerNumber");
    await lockCustomers(tx, ownerId, receiver.id);
    const mailbox = await tx.mailbox.findFirst({ where: { id: input.mailboxId, customerId: ownerId } });
    if (!mailbox) throw new DomainError("notFound");
    if (mailbox.status !== "ACTIVE") throw new DomainError("notActive");
    await expireStale(tx, { mailboxId: mailbox.id }, now);
    const owner = await tx.customer.findUniqueOrThrow({ where: { id: ownerId }, select: { name: true } });
    const transfer = await tx.mailboxTransfer.create({
      data: {
        mailboxId: mailbox.id,
        fromCustomerId: ownerId,
        toCustomerId: receiver.id,
        createdAt: now,
        expiresAt: addCalendarDays(now, config.requestDays),
      },
    });
    await queueMail(
      tx,
      receiver.email,
      composeTransferRequest(receiver.locale, { address: mailbox.address, owner: owner.name, deadline: transfer.expiresAt }, config),
      now,
    );
    await recordAudit(tx, ctx, {
      action: "mailbox.transfer.requested",
      subjectType: "MAILBOX",
      subjectId: mailbox.id,
      after: { to: receiver.id, expiresAt: transfer.expiresAt.toISOString() },
    });
    return { transferId: transfer.id, expiresAt: transfer.expiresAt };
  });
  if (!result.ok && result.error.code === "receiverNotFound") await countFailure(ctx.db, guesses, wrongReceivers, ctx.clock.now());
  return result;
}

export async function cancelTransfer(ctx: ServiceContext, input: { transferId: string }) {
  return run(ctx, async (tx) => {
    const ownerId = customerOf(ctx);
    if (!isUuid(input.transferId)) throw new DomainError("notFound");
    const { count } = await tx.mailboxTransfer.updateMany({
      where: { id: input.transferId, fromCustomerId: ownerId, status: "PENDING" },
      data: { status: "CANCELLED", decidedAt: ctx.clock.now() },
    });
    if (count !== 1) throw new DomainError("notPending");
    const t = await tx.mailboxTransfer.findUniqueOrThrow({ where: { id: input.transferId } });
    await recordAudit(tx, ctx, {
      action: "mailbox.transfer.cancelled",
      subjectType: "MAILBOX",
      subjectId: t.mailboxId,
      after: { to: t.toCustomerId },
    });
  });
}

/** The receiver's answer. Approval re-checks everything under the locks (R-TR-2). */
export async function decideTransfer(ctx: ServiceContext, config: TransferConfig, input: { transferId: string; approve: boolean }) {
  return run(ctx, async (tx) => {
    const receiverId = customerOf(ctx);
    if (!isUuid(input.transferId)) throw new DomainError("notFound");
    const now = ctx.clock.now();
    const found = await tx.mailboxTransfer.findFirst({ where: { id: input.transferId, toCustomerId: receiverId } });
    if (!found) throw new DomainError("notFound");
    await lockCustomers(tx, found.fromCustomerId, receiverId);
    await tx.$queryRaw`SELECT id FROM "MailboxTransfer" WHERE id = ${found.id}::uuid FOR UPDATE`;
    const transfer = await tx.mailboxTransfer.findUniqueOrThrow({ where: { id: found.id } });
    if (transfer.status !== "PENDING") throw new DomainError("notPending");
    if (transfer.expiresAt <= now) {
      await expireStale(tx, { id: transfer.id }, now);
      return { outcome: "expired" as const };
    }
    const mailbox = await tx.mailbox.findUniqueOrThrow({
      where: { id: transfer.mailboxId },
      include: { customer: { select: { email: true, locale: true } } },
    });
    const ownerMail = { to: mailbox.customer.email, locale: mailbox.customer.locale };
    if (!input.approve) {
      await tx.mailboxTransfer.update({ where: { id: transfer.id }, data: { status: "DECLINED", decidedAt: now } });
      await queueMail(
        tx,
        ownerMail.to,
        composeTransferDecided(ownerMail.locale, { address: mailbox.address, approved: false }, config),
        now,
      );
      await recordAudit(tx, ctx, {
        action: "mailbox.transfer.declined",
        subjectType: "MAILBOX",
        subjectId: mailbox.id,
        after: { from: transfer.fromCustomerId },
      });
      return { outcome: "declined" as const };
    }
    if (mailbox.status === "DELETED" || mailbox.customerId !== transfer.fromCustomerId) throw new DomainError("mailboxGone");
    if (mailbox.status !== "ACTIVE") throw new DomainError("notActive");
    const receiver = await tx.customer.findUniqueOrThrow({ where: { id: receiverId } });
    if (receiver.broadbandStatus !== "ACTIVE") throw new DomainError("receiverNoBroadband");
    if (!(await hasRoomForAnotherMailbox(tx, receiverId))) throw new DomainError("receiverFull");

    // The receiver has broadband, so the mailbox is included from now (R-PAY-1): any billing ends.
    await tx.paidPeriod.updateMany({ where: { mailboxId: mailbox.id, endsAt: null }, data: { endsAt: now } });
    await tx.paidPlanOffer.updateMany({
      where: { mailboxId: mailbox.id, status: { in: ["PENDING", "EXPIRED"] } },
      data: { status: "WITHDRAWN", decidedAt: now },
    });
    await tx.mailbox.update({ where: { id: mailbox.id }, data: { customerId: receiverId, plan: "INCLUDED" } });
    await tx.mailboxTransfer.update({ where: { id: transfer.id }, data: { status: "APPROVED", decidedAt: now } });
    await queueMail(tx, ownerMail.to, composeTransferDecided(ownerMail.locale, { address: mailbox.address, approved: true }, config), now);
    await recordAudit(tx, ctx, {
      action: "mailbox.transfer.approved",
      subjectType: "MAILBOX",
      subjectId: mailbox.id,
      before: { customerId: transfer.fromCustomerId, plan: mailbox.plan },
      after: { customerId: receiverId, plan: "INCLUDED" },
    });
    return { outcome: "approved" as const };
  });
}

/** Requests for Mine sider: those the customer has received, and those they have sent, still open. */
export async function openTransfers(db: Db, customerId: string, now: Date) {
  const rows = await db.mailboxTransfer.findMany({
    where: { status: "PENDING", expiresAt: { gt: now }, OR: [{ toCustomerId: customerId }, { fromCustomerId: customerId }] },
    include: { mailbox: { select: { address: true } } },
    orderBy: { createdAt: "asc" },
  });
  const owners = await db.customer.findMany({ where: { id: { in: rows.map((r) => r.fromCustomerId) } }, select: { id: true, name: true } });
  const nameOf = new Map(owners.map((o) => [o.id, o.name]));
  return {
    incoming: rows
      .filter((r) => r.toCustomerId === customerId)
      .map((r) => ({ id: r.id, address: r.mailbox.address, from: nameOf.get(r.fromCustomerId) ?? "", expiresAt: r.expiresAt })),
    outgoing: rows
      .filter((r) => r.fromCustomerId === customerId)
      .map((r) => ({ id: r.id, mailboxId: r.mailboxId, address: r.mailbox.address, expiresAt: r.expiresAt })),
  };
}
