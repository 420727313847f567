// The paid plan (R-PAY-2..5): accepting an offer, and what happens to mailboxes whose offer was
// not answered by the deadline. A mailbox closed for that reason can still be kept until it is
// deleted two months later (R-PAY-3): accepting restores it.
import { hasRoomForAnotherMailbox, lockCustomers } from "@/lib/customers/locks";
import { endMailboxAccess } from "@/lib/lifecycle/access";
import { recordPlatformEvents } from "@/lib/mail-platform/events";
import type { ServiceContext } from "@/lib/actor";
import type { Clock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/service";
import { DomainError, fail, inTransaction, type Result } from "@/lib/errors/domain";
import { isUuid } from "@/lib/ids";
import { deletionDueAt } from "@/lib/lifecycle/rules";
import { composeLockedForBroadband, composeOrderConfirmation } from "@/lib/notices/commerce";
import type { CommerceConfig } from "@/lib/broadband/service";
import { queueMail } from "@/lib/outbox";

export type OfferError = "notFound" | "notConfirmed" | "notOpen" | "mailboxGone" | "notNeeded" | "limitReached";

/** Offers the customer can still accept: pending ones, and expired ones whose mailbox is closed but not yet deleted. */
export async function openOffers(db: Db, customerId: string, now: Date) {
  const offers = await db.paidPlanOffer.findMany({
    where: { customerId, status: { in: ["PENDING", "EXPIRED"] } },
    include: { mailbox: { select: { id: true, address: true, status: true, lockReason: true, lockedAt: true } } },
    orderBy: { createdAt: "asc" },
  });
  return offers
    .filter(
      (o) =>
        o.mailbox.status === "ACTIVE" ||
        (o.mailbox.status === "LOCKED" && o.mailbox.lockReason === "BROADBAND_ENDED" && (deletionDueAt(o.mailbox) ?? now) > now),
    )
    .map((o) => ({
      id: o.id,
      mailboxId: o.mailbox.id,
      address: o.mailbox.address,
      deadline: o.deadline,
      priceOre: o.priceOre,
      closed: o.mailbox.status === "LOCKED",
      deleteAt: o.mailbox.status === "LOCKED" ? deletionDueAt(o.mailbox) : null,
    }));
}

/**
 * The customer keeps a mailbox on the paid plan (R-PAY-2): an explicit confirmation, then the plan,
 * billing from today, invoices by e-mail (R-PAY-5), and an order confirmation that lists exactly
 * this plan (R-PAY-4).
 */
export async function acceptOffer(
  ctx: ServiceContext,
  config: CommerceConfig,
  input: { offerId: string; confirmed: boolean },
): Promise<Result<{ address: string; invoiceChannelChanged: boolean }, OfferError>> {
  if (ctx.actor.kind !== "CUSTOMER" || !isUuid(input.offerId)) return fail<OfferError>("notFound");
  if (!input.confirmed) return fail<OfferError>("notConfirmed", "confirmed");
  const customerId = ctx.actor.customerId;
  const now = ctx.clock.now();
  return inTransaction<{ address: string; invoiceChannelChanged: boolean }, OfferError>(ctx.db, async (tx) => {
    await lockCustomers(tx, customerId);
    const customer = await tx.customer.findUniqueOrThrow({ where: { id: customerId } });
    // Another customer's offer is not found, like their mailbox.
    const offer = await tx.paidPlanOffer.findFirst({ where: { id: input.offerId, customerId }, include: { mailbox: true } });
    if (!offer) throw new DomainError("notFound");
    if (offer.status !== "PENDING" && offer.status !== "EXPIRED") throw new DomainError("notOpen");
    if (customer.broadbandStatus === "ACTIVE") throw new DomainError("notNeeded");
    const mailbox = offer.mailbox;
    if (mailbox.customerId !== customerId) throw new DomainError("notFound");
    const closed = mailbox.status === "LOCKED" && mailbox.lockReason === "BROADBAND_ENDED";
    if (mailbox.status === "DELETED" || (mailbox.status === "LOCKED" && !closed) || (closed && (deletionDueAt(mailbox) ?? now) <= now))
      throw new DomainError("mailboxGone");
    if (closed && !(await hasRoomForAnotherMailbox(tx, customerId))) throw new DomainError("limitReached");

    await tx.paidPlanOffer.update({ where: { id: offer.id }, data: { status: "ACCEPTED", decidedAt: now } });
    await tx.mailbox.update({
      where: { id: mailbox.id },
      data: closed ? { plan: "PAID", status: "ACTIVE", lockReason: null, lockedAt: null, cycleStartedAt: now } : { plan: "PAID" },
    });
    if (closed)
      await recordPlatformEvents(
        tx,
        [{ kind: "MAILBOX_RESTORED", mailboxId: mailbox.id, address: mailbox.address, reason: "paidPlan" }],
        now,
      );
    await tx.paidPeriod.create({ data: { mailboxId: mailbox.id, customerId, startsAt: now, priceOre: offer.priceOre } });
    const invoiceChannelChanged = customer.invoiceChannel !== "EMAIL";
    if (invoiceChannelChanged) await tx.customer.update({ where: { id: customerId }, data: { invoiceChannel: "EMAIL" } });
    await queueMail(
      tx,
      customer.email,
      composeOrderConfirmation(
        customer.locale,
        { address: mailbox.address, priceOre: offer.priceOre, from: now },
        { brand: config.brand, url: config.url },
      ),
      now,
    );
    await recordAudit(tx, ctx, {
      action: "mailbox.paidPlan.accepted",
      subjectType: "MAILBOX",
      subjectId: mailbox.id,
      before: { plan: mailbox.plan, status: mailbox.status },
      after: { plan: "PAID", status: "ACTIVE", priceOre: offer.priceOre, restored: closed, invoiceChannel: "EMAIL" },
    });
    return { address: mailbox.address, invoiceChannelChanged };
  });
}

/**
 * The job: offers past their deadline. Each unanswered mailbox closes with the reason "broadband
 * ended"; the lifecycle deletes it two months later (R-PAY-3) unless the plan is accepted first.
 */
export async function expireDueOffers(db: Db, clock: Clock, config: CommerceConfig, requestId: string) {
  const now = clock.now();
  const ctx: ServiceContext = { db, clock, actor: { kind: "SYSTEM", process: "paid-plan" }, requestId };
  return db.$transaction(
    async (tx) => {
      const due = await tx.$queryRaw<{ id: string; mailboxId: string }[]>`
      SELECT id, "mailboxId" FROM "PaidPlanOffer" WHERE status = 'PENDING' AND deadline <= ${now}::timestamp
      ORDER BY deadline LIMIT 500 FOR UPDATE SKIP LOCKED`;
      for (const offer of due) {
        await tx.paidPlanOffer.update({ where: { id: offer.id }, data: { status: "EXPIRED", decidedAt: now } });
        const mailbox = await tx.mailbox.findUnique({
          where: { id: offer.mailboxId },
          include: { customer: { select: { email: true, locale: true } } },
        });
        if (!mailbox || mailbox.status !== "ACTIVE" || mailbox.plan !== "INCLUDED") continue;
        await tx.mailbox.update({ where: { id: mailbox.id }, data: { status: "LOCKED", lockReason: "BROADBAND_ENDED", lockedAt: now } });
        await endMailboxAccess(tx, [mailbox], now, { event: "MAILBOX_LOCKED", reason: "broadbandEnded" });
        const deleteAt = deletionDueAt({ lockReason: "BROADBAND_ENDED", lockedAt: now })!;
        const mail = composeLockedForBroadband(
          mailbox.customer.locale,
          { address: mailbox.address, deleteAt, priceOre: config.priceOre },
          { brand: config.brand, url: config.url },
        );
        await queueMail(tx, mailbox.address, mail, now);
        await queueMail(tx, mailbox.customer.email, mail, now);
        await recordAudit(tx, ctx, {
          action: "mailbox.lock",
          subjectType: "MAILBOX",
          subjectId: mailbox.id,
          before: { status: "ACTIVE" },
          after: { status: "LOCKED", lockReason: "BROADBAND_ENDED", deleteAt: deleteAt.toISOString() },
        });
      }
      return due.length;
    },
    { timeout: 60_000 },
  );
}
