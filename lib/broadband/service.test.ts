// Broadband ends and comes back (issue 6, R-PAY-1..7) against a real PostgreSQL with a fixed clock:
// partner events (idempotent, out of order, future-dated, bad), offers, accepting, deadlines,
// broadband back, and the invoice run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { createCustomer, createMailbox, TEST_COMMERCE as config, uniq } from "@/test/factories";
import { fixedClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { applyDueBroadbandEvents, recordBroadbandEvents } from "@/lib/broadband/service";
import { acceptOffer, expireDueOffers, openOffers } from "@/lib/broadband/offers";
import { invoiceMonth } from "@/lib/billing/service";
import { deleteMailbox } from "@/lib/mailboxes/service";
import { sweepLifecycle } from "@/lib/lifecycle/sweep";
import { first } from "@/test/lists";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await freshDatabase()));
afterAll(() => close());

const at = (iso: string) => new Date(iso);
const asCustomer = (customerId: string, clock: ReturnType<typeof fixedClock>) => ({
  db,
  clock,
  actor: { kind: "CUSTOMER" as const, customerId },
  requestId: uniq(),
});

async function customerWithMailboxes(n: number) {
  const customer = await createCustomer(db);
  const boxes = [];
  for (let i = 0; i < n; i++) boxes.push(await createMailbox(db, customer.id, { createdAt: at(`2026-01-0${i + 1}T10:00:00Z`) }));
  return { customer, boxes };
}

const event = (customerNumber: string, status: "ended" | "active", effectiveDate: string, id = uniq("ev")) => ({
  id,
  customerNumber,
  status,
  effectiveDate,
});

describe("broadband events from partners", () => {
  it("ending broadband offers each active mailbox the paid plan, by e-mail to the mailbox and the customer", async () => {
    const { customer, boxes } = await customerWithMailboxes(2);
    const clock = fixedClock("2026-12-02T09:00:00Z");
    const result = first(
      await recordBroadbandEvents(db, clock, "partner-a", [event(customer.customerNumber, "ended", "2026-12-01")], config, uniq()),
    );
    expect(result.outcome).toBe("accepted");
    expect(await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).toMatchObject({
      broadbandStatus: "ENDED",
      broadbandEndedAt: at("2026-11-30T23:00:00Z"),
    });
    const offers = await openOffers(db, customer.id, clock.now());
    expect(offers.map((o) => o.address).sort()).toEqual(boxes.map((b) => b.address).sort());
    // 30 days from when the offer was made (the event came a day late).
    expect(offers[0]!.deadline).toEqual(at("2027-01-01T09:00:00Z"));
    for (const b of boxes) expect(await db.outgoingMail.count({ where: { to: b.address, subject: { contains: "39,00" } } })).toBe(1);
    const toCustomer = first(await db.outgoingMail.findMany({ where: { to: customer.email } }));
    expect(toCustomer.text).toContain(boxes[0]!.address);
    expect(toCustomer.text).toContain(boxes[1]!.address);
  });

  it("changes nothing for a re-sent event, and says what is wrong with bad ones, keeping the good ones", async () => {
    const { customer } = await customerWithMailboxes(1);
    const clock = fixedClock("2026-12-02T09:00:00Z");
    const ended = event(customer.customerNumber, "ended", "2026-12-01", "evt-1");
    await recordBroadbandEvents(db, clock, "partner-b", [ended], config, uniq());
    const results = await recordBroadbandEvents(
      db,
      clock,
      "partner-b",
      [
        ended,
        { ...ended, effectiveDate: "2026-11-15" },
        event("99999999999", "ended", "2026-12-01"),
        event(customer.customerNumber, "ended", "2026-02-30"),
        event(customer.customerNumber, "ended", "2031-01-01"),
        { id: "x", customerNumber: customer.customerNumber, status: "paused", effectiveDate: "2026-12-01" },
        "not an object",
      ],
      config,
      uniq(),
    );
    expect(results.map((r) => r.outcome)).toEqual([
      "alreadyKnown",
      "conflict",
      "unknownCustomer",
      "impossibleDate",
      "impossibleDate",
      "malformed",
      "malformed",
    ]);
    expect(await db.paidPlanOffer.count({ where: { customerId: customer.id } })).toBe(1);
    expect(await db.broadbandEvent.count({ where: { customerId: customer.id } })).toBe(1);
  });

  it("goes by effective dates: an older event arriving late changes nothing; a future one waits for its day", async () => {
    const { customer } = await customerWithMailboxes(1);
    const clock = fixedClock("2026-12-10T09:00:00Z");
    await recordBroadbandEvents(db, clock, "p", [event(customer.customerNumber, "ended", "2026-12-05")], config, uniq());
    await recordBroadbandEvents(db, clock, "p", [event(customer.customerNumber, "active", "2026-11-01")], config, uniq());
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).broadbandStatus).toBe("ENDED");

    const other = await customerWithMailboxes(1);
    await recordBroadbandEvents(db, clock, "p", [event(other.customer.customerNumber, "ended", "2026-12-31")], config, uniq());
    expect((await db.customer.findUniqueOrThrow({ where: { id: other.customer.id } })).broadbandStatus).toBe("ACTIVE");
    clock.set(at("2026-12-31T00:30:00Z"));
    expect(await applyDueBroadbandEvents(db, clock, config, uniq())).toBeGreaterThanOrEqual(1);
    expect((await db.customer.findUniqueOrThrow({ where: { id: other.customer.id } })).broadbandStatus).toBe("ENDED");
    expect(await db.paidPlanOffer.count({ where: { customerId: other.customer.id, status: "PENDING" } })).toBe(1);
  });
});

describe("the paid plan", () => {
  it("accepting needs a confirmation, puts the mailbox on the plan, switches invoices to e-mail, and confirms exactly the plan (R-PAY-4, R-PAY-5)", async () => {
    const { customer, boxes } = await customerWithMailboxes(2);
    await db.customer.update({ where: { id: customer.id }, data: { invoiceChannel: "PAPER" } });
    const clock = fixedClock("2026-12-02T09:00:00Z");
    await recordBroadbandEvents(db, clock, "p", [event(customer.customerNumber, "ended", "2026-12-01")], config, uniq());
    const offer = first((await openOffers(db, customer.id, clock.now())).filter((o) => o.mailboxId === boxes[0]!.id));
    const ctx = asCustomer(customer.id, clock);
    expect(await acceptOffer(ctx, config, { offerId: offer.id, confirmed: false })).toMatchObject({
      ok: false,
      error: { code: "notConfirmed" },
    });
    const stranger = await createCustomer(db);
    expect(await acceptOffer(asCustomer(stranger.id, clock), config, { offerId: offer.id, confirmed: true })).toMatchObject({
      ok: false,
      error: { code: "notFound" },
    });

    expect(await acceptOffer(ctx, config, { offerId: offer.id, confirmed: true })).toMatchObject({
      ok: true,
      value: { invoiceChannelChanged: true },
    });
    expect(await acceptOffer(ctx, config, { offerId: offer.id, confirmed: true })).toMatchObject({ ok: false, error: { code: "notOpen" } });
    expect(await db.mailbox.findUniqueOrThrow({ where: { id: boxes[0]!.id } })).toMatchObject({ plan: "PAID", status: "ACTIVE" });
    expect(await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).toMatchObject({ invoiceChannel: "EMAIL" });
    expect(await db.paidPeriod.findMany({ where: { mailboxId: boxes[0]!.id } })).toMatchObject([
      { startsAt: clock.now(), endsAt: null, priceOre: 3900 },
    ]);
    const order = first(await db.outgoingMail.findMany({ where: { to: customer.email, subject: { startsWith: "Ordrebekreftelse" } } }));
    expect(order.text!.replace(/\u00a0/g, " ")).toContain(`E-postkonto ${boxes[0]!.address}: 39,00 kr per måned`);
    // Exactly the plan: not the other mailbox, no other product.
    expect(order.text).not.toContain(boxes[1]!.address);
    expect(order.text).not.toMatch(/bredbånd|TV|strøm/i);
  });

  it("an unanswered offer closes the mailbox at the deadline; accepting within two months restores it; after that it is gone (R-PAY-3)", async () => {
    const { customer, boxes } = await customerWithMailboxes(2);
    const clock = fixedClock("2026-12-02T09:00:00Z");
    await recordBroadbandEvents(db, clock, "p", [event(customer.customerNumber, "ended", "2026-12-02")], config, uniq());
    clock.set(at("2027-01-01T09:00:01Z"));
    expect(await expireDueOffers(db, clock, config, uniq())).toBeGreaterThanOrEqual(2);
    for (const b of boxes)
      expect(await db.mailbox.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({
        status: "LOCKED",
        lockReason: "BROADBAND_ENDED",
      });
    expect(await db.outgoingMail.count({ where: { to: boxes[0]!.address, subject: { contains: "er stengt" } } })).toBe(1);

    // A month later the customer changes their mind for one of them.
    clock.set(at("2027-02-01T09:00:00Z"));
    const offers = await openOffers(db, customer.id, clock.now());
    expect(offers.every((o) => o.closed)).toBe(true);
    const first = offers.find((o) => o.mailboxId === boxes[0]!.id)!;
    expect(await acceptOffer(asCustomer(customer.id, clock), config, { offerId: first.id, confirmed: true })).toMatchObject({ ok: true });
    expect(await db.mailbox.findUniqueOrThrow({ where: { id: boxes[0]!.id } })).toMatchObject({
      status: "ACTIVE",
      plan: "PAID",
      cycleStartedAt: clock.now(),
    });

    // Two months after the lock, the lifecycle deletes the other; its offer is then gone.
    clock.set(at("2027-03-01T10:00:00Z"));
    await sweepLifecycle(db, clock, { requestId: uniq() });
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: boxes[1]!.id } })).status).toBe("DELETED");
    expect(await openOffers(db, customer.id, clock.now())).toEqual([]);
  });

  it("broadband back makes every mailbox free again from that date and reopens closed ones (R-PAY-6)", async () => {
    const { customer, boxes } = await customerWithMailboxes(2);
    const clock = fixedClock("2026-12-02T09:00:00Z");
    await recordBroadbandEvents(db, clock, "p", [event(customer.customerNumber, "ended", "2026-12-01")], config, uniq());
    const offers = await openOffers(db, customer.id, clock.now());
    await acceptOffer(asCustomer(customer.id, clock), config, {
      offerId: offers.find((o) => o.mailboxId === boxes[0]!.id)!.id,
      confirmed: true,
    });
    clock.set(at("2027-01-05T09:00:00Z"));
    await expireDueOffers(db, clock, config, uniq());
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: boxes[1]!.id } })).status).toBe("LOCKED");

    clock.set(at("2027-01-20T09:00:00Z"));
    await recordBroadbandEvents(db, clock, "p", [event(customer.customerNumber, "active", "2027-01-15")], config, uniq());
    expect(await db.mailbox.findUniqueOrThrow({ where: { id: boxes[0]!.id } })).toMatchObject({ plan: "INCLUDED", status: "ACTIVE" });
    expect(await db.mailbox.findUniqueOrThrow({ where: { id: boxes[1]!.id } })).toMatchObject({
      plan: "INCLUDED",
      status: "ACTIVE",
      lockReason: null,
    });
    expect((await db.paidPeriod.findFirstOrThrow({ where: { mailboxId: boxes[0]!.id } })).endsAt).toEqual(at("2027-01-14T23:00:00Z"));
    expect(await openOffers(db, customer.id, clock.now())).toEqual([]);
    expect(await db.outgoingMail.count({ where: { to: customer.email, subject: { contains: "inkludert i bredbåndet igjen" } } })).toBe(1);
  });

  it("broadband back does not reopen a mailbox already past its deletion date, though no sweep has run (R-PAY-3, R-ACC-3)", async () => {
    const { customer, boxes } = await customerWithMailboxes(2);
    const clock = fixedClock("2026-12-02T09:00:00Z");
    await recordBroadbandEvents(db, clock, "p", [event(customer.customerNumber, "ended", "2026-12-01")], config, uniq());
    clock.set(at("2027-01-05T09:00:00Z"));
    await expireDueOffers(db, clock, config, uniq());
    const { lockedAt } = await db.mailbox.findUniqueOrThrow({ where: { id: boxes[0]!.id } });
    // Two months and a day after the close; the worker has been down, so nothing deleted it yet.
    await db.mailbox.update({ where: { id: boxes[1]!.id }, data: { lockedAt: at("2027-01-20T09:00:00Z") } });
    clock.set(at("2027-03-06T09:00:00Z"));
    expect(lockedAt).toEqual(at("2027-01-05T09:00:00Z"));
    await recordBroadbandEvents(db, clock, "p", [event(customer.customerNumber, "active", "2027-03-06")], config, uniq());
    // The overdue one stays closed, and the next sweep deletes it as keeping it would be refused.
    expect(await db.mailbox.findUniqueOrThrow({ where: { id: boxes[0]!.id } })).toMatchObject({
      status: "LOCKED",
      lockReason: "BROADBAND_ENDED",
    });
    expect(await db.mailbox.findUniqueOrThrow({ where: { id: boxes[1]!.id } })).toMatchObject({ status: "ACTIVE" });
    await sweepLifecycle(db, clock);
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: boxes[0]!.id } })).status).toBe("DELETED");
  });
});

describe("the monthly invoice run", () => {
  it("bills each paying customer once per month, pro-rated by days, and ends billing on deletion (R-PAY-7)", async () => {
    const { customer, boxes } = await customerWithMailboxes(2);
    const clock = fixedClock("2026-12-04T13:00:00Z"); // 14:00 in Oslo, 4 December
    await recordBroadbandEvents(db, clock, "p", [event(customer.customerNumber, "ended", "2026-12-01")], config, uniq());
    for (const o of await openOffers(db, customer.id, clock.now()))
      await acceptOffer(asCustomer(customer.id, clock), config, { offerId: o.id, confirmed: true });

    clock.set(at("2027-01-01T05:00:00Z"));
    // Other tests' customers pay too; a second run of the month makes nothing for anyone.
    expect((await invoiceMonth(db, clock, "2026-12", config, uniq())).created).toBeGreaterThanOrEqual(1);
    expect(await invoiceMonth(db, clock, "2026-12", config, uniq())).toMatchObject({ created: 0 });
    expect(await db.invoice.count({ where: { customerId: customer.id } })).toBe(1);
    const december = await db.invoice.findUniqueOrThrow({
      where: { customerId_month: { customerId: customer.id, month: "2026-12" } },
      include: { lines: true },
    });
    const share = Math.round((3900 * 28) / 31);
    expect(december.lines).toHaveLength(2);
    expect(
      december.lines.every((l) => l.fromDate === "2026-12-04" && l.toDate === "2026-12-31" && l.days === 28 && l.amountOre === share),
    ).toBe(true);
    expect(december.totalOre).toBe(2 * share);
    const mail = first(
      await db.outgoingMail.findMany({ where: { to: customer.email, subject: { startsWith: `Faktura ${december.number}` } } }),
    );
    expect(mail.text!.replace(/\u00a0/g, " ")).toContain(`Å betale: ${((2 * share) / 100).toFixed(2).replace(".", ",")} kr`);

    // One mailbox is deleted on 10 January: billed 1–9 January; the other the whole month.
    clock.set(at("2027-01-10T11:00:00Z"));
    expect(
      await deleteMailbox(asCustomer(customer.id, clock), { mailboxId: boxes[0]!.id, confirmAddress: boxes[0]!.address }),
    ).toMatchObject({ ok: true });
    clock.set(at("2027-02-01T05:00:00Z"));
    await invoiceMonth(db, clock, "2027-01", config, uniq());
    const january = await db.invoice.findUniqueOrThrow({
      where: { customerId_month: { customerId: customer.id, month: "2027-01" } },
      include: { lines: true },
    });
    const byAddress = Object.fromEntries(january.lines.map((l) => [l.address, l]));
    expect(byAddress[boxes[0]!.address]).toMatchObject({
      fromDate: "2027-01-01",
      toDate: "2027-01-09",
      days: 9,
      amountOre: Math.round((3900 * 9) / 31),
    });
    expect(byAddress[boxes[1]!.address]).toMatchObject({ days: 31, amountOre: 3900 });
    // February: only the mailbox that still exists.
    clock.set(at("2027-03-01T05:00:00Z"));
    await invoiceMonth(db, clock, "2027-02", config, uniq());
    const february = await db.invoice.findUniqueOrThrow({
      where: { customerId_month: { customerId: customer.id, month: "2027-02" } },
      include: { lines: true },
    });
    expect(february.lines.map((l) => l.address)).toEqual([boxes[1]!.address]);
    expect(february.totalOre).toBe(3900);
  });
});
