// When broadband ends, and when it comes back (issue 6, R-PAY-1, R-PAY-2, R-PAY-6, R-PAY-7).
// Partners' systems (and agents) send events; the customer's status follows the latest one in
// force (lib/broadband/rules.ts). Ending creates an offer per active mailbox, by e-mail to the
// mailbox and the customer; coming back makes every mailbox free again from that date.
import { queueMail } from "@/lib/outbox";
import { hasRoomForAnotherMailbox, lockCustomers } from "@/lib/customers/locks";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { recordPlatformEvents } from "@/lib/mail-platform/events";
import type { ServiceContext } from "@/lib/actor";
import type { Clock } from "@/lib/clock";
import type { Db, Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/service";
import { isUniqueViolation } from "@/lib/errors/domain";
import { addCalendarDays, startOfOsloDay } from "@/lib/lifecycle/calendar";
import { deletionDueAt } from "@/lib/lifecycle/rules";
import { composeBroadbandBack, composeOffer, composeOfferToCustomer } from "@/lib/notices/commerce";
import { broadbandStatusAt, isPlausibleEffectiveDate } from "@/lib/broadband/rules";

/** What the paid plan's e-mail and offers need: brand, the Mine sider link, the price and the offer's days. */
export type CommerceConfig = { brand: string; url: string; priceOre: number; offerDays: number };

/**
 * Brings the customer's stored status in line with the events in force now, and does what the
 * change means. Runs in the caller's transaction, which holds the customer's row lock.
 */
export async function applyBroadband(
  tx: Tx,
  ctx: ServiceContext,
  customerId: string,
  config: CommerceConfig,
  auditExtra: Record<string, unknown> = {},
) {
  const now = ctx.clock.now();
  await lockCustomers(tx, customerId);
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: customerId } });
  const events = await tx.broadbandEvent.findMany({ where: { customerId } });
  await tx.broadbandEvent.updateMany({ where: { customerId, appliedAt: null, effectiveAt: { lte: now } }, data: { appliedAt: now } });
  const current = broadbandStatusAt(events, now);
  if (!current || current.kind === customer.broadbandStatus) return null;
  const change =
    current.kind === "ENDED"
      ? await endBroadband(tx, ctx, customer, current.effectiveAt, config)
      : await restoreBroadband(tx, ctx, customer, current.effectiveAt, config);
  await recordAudit(tx, ctx, {
    action: "customer.broadband",
    subjectType: "CUSTOMER",
    subjectId: customer.id,
    before: { broadbandStatus: customer.broadbandStatus, broadbandEndedAt: customer.broadbandEndedAt?.toISOString() ?? null },
    after: { broadbandStatus: current.kind, effectiveAt: current.effectiveAt.toISOString(), ...change, ...auditExtra },
  });
  return { status: current.kind, ...change };
}

type CustomerRow = { id: string; email: string; locale: string };

/** R-PAY-2: an offer per active mailbox, with a deadline; e-mail to each mailbox and the customer. */
async function endBroadband(tx: Tx, ctx: ServiceContext, customer: CustomerRow, endedAt: Date, config: CommerceConfig) {
  const now = ctx.clock.now();
  await tx.customer.update({ where: { id: customer.id }, data: { broadbandStatus: "ENDED", broadbandEndedAt: endedAt } });
  const mailboxes = await tx.mailbox.findMany({
    where: { customerId: customer.id, status: "ACTIVE", plan: "INCLUDED" },
    select: { id: true, address: true },
    orderBy: { createdAt: "asc" },
  });
  const deadline = addCalendarDays(endedAt > now ? endedAt : now, config.offerDays);
  await tx.paidPlanOffer.createMany({
    data: mailboxes.map((m) => ({ mailboxId: m.id, customerId: customer.id, deadline, priceOre: config.priceOre, createdAt: now })),
    skipDuplicates: true,
  });
  const brand = { brand: config.brand, url: config.url };
  for (const m of mailboxes)
    await queueMail(tx, m.address, composeOffer(customer.locale, { address: m.address, deadline, priceOre: config.priceOre }, brand), now);
  if (mailboxes.length > 0)
    await queueMail(
      tx,
      customer.email,
      composeOfferToCustomer(customer.locale, { addresses: mailboxes.map((m) => m.address), deadline, priceOre: config.priceOre }, brand),
      now,
    );
  return { offers: mailboxes.length, deadline: deadline.toISOString() };
}

/**
 * R-PAY-6, R-PAY-7: broadband is back, so e-mail is free again from that date: billing ends,
 * open offers are withdrawn, and mailboxes closed for the ended broadband open again.
 */
async function restoreBroadband(tx: Tx, ctx: ServiceContext, customer: CustomerRow, since: Date, config: CommerceConfig) {
  const now = ctx.clock.now();
  await tx.customer.update({ where: { id: customer.id }, data: { broadbandStatus: "ACTIVE", broadbandEndedAt: null } });
  const withdrawn = await tx.paidPlanOffer.updateMany({
    where: { customerId: customer.id, status: { in: ["PENDING", "EXPIRED"] } },
    data: { status: "WITHDRAWN", decidedAt: now },
  });
  const paid = await tx.paidPeriod.findMany({ where: { customerId: customer.id, endsAt: null } });
  for (const p of paid) await tx.paidPeriod.update({ where: { id: p.id }, data: { endsAt: since > p.startsAt ? since : p.startsAt } });
  await tx.mailbox.updateMany({
    where: { customerId: customer.id, plan: "PAID", status: { not: "DELETED" } },
    data: { plan: "INCLUDED", updatedAt: now },
  });
  const closed = await tx.mailbox.findMany({
    where: { customerId: customer.id, status: "LOCKED", lockReason: "BROADBAND_ENDED" },
    orderBy: { lockedAt: "asc" },
  });
  let reopened = 0;
  for (const m of closed) {
    // Past its deletion date it is gone already in all but the sweep's bookkeeping (R-PAY-3), as
    // keeping it on the paid plan would be refused.
    if ((deletionDueAt(m) ?? now) <= now) continue;
    if (!(await hasRoomForAnotherMailbox(tx, customer.id))) break;
    // A new inactivity cycle starts now (R-LC-1), as after any restore.
    await tx.mailbox.update({ where: { id: m.id }, data: { status: "ACTIVE", lockReason: null, lockedAt: null, cycleStartedAt: now } });
    await recordPlatformEvents(tx, [{ kind: "MAILBOX_RESTORED", mailboxId: m.id, address: m.address, reason: "broadbandActive" }], now);
    reopened++;
  }
  await queueMail(
    tx,
    customer.email,
    composeBroadbandBack(customer.locale, { from: since }, { brand: config.brand, url: config.url }),
    now,
  );
  return { offersWithdrawn: withdrawn.count, paidEnded: paid.length, reopened };
}

export const partnerEventSchema = z.object({
  id: z.string().trim().min(1).max(100),
  customerNumber: z
    .string()
    .trim()
    .regex(/^\d{1,20}$/),
  status: z.enum(["ended", "active"]),
  effectiveDate: z.string().trim(),
});

export type EventOutcome = "accepted" | "alreadyKnown" | "malformed" | "impossibleDate" | "unknownCustomer" | "conflict";

/**
 * A batch from a partner's system: each event is kept (once: the partner's id makes a re-sent
 * event change nothing) and applied on its own, so one bad entry loses nothing of the others.
 */
export async function recordBroadbandEvents(
  db: Db,
  clock: Clock,
  source: string,
  events: unknown[],
  config: CommerceConfig,
  requestId: string,
) {
  const now = clock.now();
  const results: { index: number; id?: string; outcome: EventOutcome }[] = [];
  for (const [index, raw] of events.entries()) {
    const parsed = partnerEventSchema.safeParse(raw);
    if (!parsed.success) {
      results.push({ index, outcome: "malformed" });
      continue;
    }
    const e = parsed.data;
    const outcome = await recordOne(db, clock, source, e, now, config, requestId);
    results.push({ index, id: e.id, outcome });
  }
  return results;
}

async function recordOne(
  db: Db,
  clock: Clock,
  source: string,
  e: z.infer<typeof partnerEventSchema>,
  now: Date,
  config: CommerceConfig,
  requestId: string,
): Promise<EventOutcome> {
  if (!isPlausibleEffectiveDate(e.effectiveDate, now)) return "impossibleDate";
  const customer = await db.customer.findUnique({ where: { customerNumber: e.customerNumber }, select: { id: true } });
  if (!customer) return "unknownCustomer";
  const kind = e.status === "ended" ? "ENDED" : "ACTIVE";
  const effectiveAt = startOfOsloDay(e.effectiveDate);
  const ctx: ServiceContext = { db, clock, actor: { kind: "SYSTEM", process: `partner:${source}`.slice(0, 60) }, requestId };
  try {
    await db.$transaction(
      async (tx) => {
        await tx.broadbandEvent.create({ data: { customerId: customer.id, kind, effectiveAt, source, externalId: e.id, receivedAt: now } });
        await applyBroadband(tx, ctx, customer.id, config, { source, event: e.id });
      },
      { timeout: 15_000 },
    );
    return "accepted";
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const known = await db.broadbandEvent.findUnique({ where: { source_externalId: { source, externalId: e.id } } });
    const same = known && known.customerId === customer.id && known.kind === kind && known.effectiveAt.getTime() === effectiveAt.getTime();
    return same ? "alreadyKnown" : "conflict";
  }
}

/** An agent records a change the partner's systems have not sent (admin view). */
export async function recordAgentBroadbandEvent(
  tx: Tx,
  ctx: ServiceContext,
  customerId: string,
  kind: "ENDED" | "ACTIVE",
  effectiveAt: Date,
  config: CommerceConfig,
  reason: string,
) {
  await tx.broadbandEvent.create({
    data: { customerId, kind, effectiveAt, source: "agent", externalId: randomUUID(), receivedAt: ctx.clock.now() },
  });
  return applyBroadband(tx, ctx, customerId, config, { reason, by: "agent" });
}

/** The job: events dated ahead whose day has come. */
export async function applyDueBroadbandEvents(db: Db, clock: Clock, config: CommerceConfig, requestId: string) {
  const now = clock.now();
  const due = await db.broadbandEvent.findMany({
    where: { appliedAt: null, effectiveAt: { lte: now } },
    select: { customerId: true },
    distinct: ["customerId"],
    take: 500,
  });
  const ctx: ServiceContext = { db, clock, actor: { kind: "SYSTEM", process: "broadband" }, requestId };
  for (const { customerId } of due) await db.$transaction((tx) => applyBroadband(tx, ctx, customerId, config), { timeout: 15_000 });
  return due.length;
}
