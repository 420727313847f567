// Moving a mailbox to another owner (R-TR-1, R-TR-2) against a real PostgreSQL: the receiver must
// be named exactly, approves on their side, the 5-limit holds under parallel approvals, and
// approvals after expiry, deletion, or a second time are refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { createCustomer, createMailbox, TEST_TRANSFERS as config, uniq } from "@/test/factories";
import { fixedClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { cancelTransfer, decideTransfer, openTransfers, requestTransfer } from "@/lib/transfers/service";
import { deleteMailbox } from "@/lib/mailboxes/service";
import { POLICY } from "@/lib/policy";
import { first } from "@/test/lists";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await freshDatabase()));
afterAll(() => close());

const NOW = new Date("2026-12-01T10:00:00Z");
const as = (customerId: string, clock = fixedClock(NOW)) => ({
  db,
  clock,
  actor: { kind: "CUSTOMER" as const, customerId },
  requestId: uniq(),
});

async function pair(receiverMailboxes = 0) {
  const owner = await createCustomer(db);
  const receiver = await createCustomer(db);
  const box = await createMailbox(db, owner.id);
  for (let i = 0; i < receiverMailboxes; i++) await createMailbox(db, receiver.id);
  return { owner, receiver, box };
}

async function request(ownerId: string, box: { id: string }, receiver: { customerNumber: string; email: string }) {
  const result = await requestTransfer(as(ownerId), config, {
    mailboxId: box.id,
    customerNumber: receiver.customerNumber,
    email: receiver.email,
  });
  if (!result.ok) throw new Error(result.error.code);
  return result.value.transferId;
}

describe("moving a mailbox", () => {
  it("needs the receiver's customer number and e-mail together; the receiver is told", async () => {
    const { owner, receiver, box } = await pair();
    expect(
      await requestTransfer(as(owner.id), config, {
        mailboxId: box.id,
        customerNumber: receiver.customerNumber,
        email: "feil@example.test",
      }),
    ).toMatchObject({ ok: false, error: { code: "receiverNotFound" } });
    expect(
      await requestTransfer(as(owner.id), config, { mailboxId: box.id, customerNumber: owner.customerNumber, email: owner.email }),
    ).toMatchObject({ ok: false, error: { code: "sameOwner" } });
    const stranger = await createCustomer(db);
    expect(
      await requestTransfer(as(stranger.id), config, { mailboxId: box.id, customerNumber: receiver.customerNumber, email: receiver.email }),
    ).toMatchObject({ ok: false, error: { code: "notFound" } });
    await request(owner.id, box, { customerNumber: receiver.customerNumber, email: receiver.email.toUpperCase() });
    expect(
      await requestTransfer(as(owner.id), config, { mailboxId: box.id, customerNumber: receiver.customerNumber, email: receiver.email }),
    ).toMatchObject({ ok: false, error: { code: "alreadyPending" } });
    expect(await db.outgoingMail.count({ where: { to: receiver.email, subject: { contains: box.address } } })).toBe(1);
    expect((await openTransfers(db, receiver.id, NOW)).incoming).toMatchObject([{ address: box.address, from: owner.name }]);
    expect((await openTransfers(db, owner.id, NOW)).outgoing).toMatchObject([{ address: box.address }]);
  });

  it("stops an owner who keeps naming receivers that do not exist, even with a right pair, until the block ends", async () => {
    const { owner, receiver, box } = await pair();
    const T = POLICY.transfers;
    const clock = fixedClock(NOW);
    const ask = (email: string) =>
      requestTransfer(as(owner.id, clock), config, { mailboxId: box.id, customerNumber: receiver.customerNumber, email });
    // Many at once, as a script would: every wrong pair counts.
    const wrong = await Promise.all(Array.from({ length: T.wrongReceiverLimit }, (_, i) => ask(`gjetning${i}@example.test`)));
    expect(wrong.every((r) => !r.ok && r.error.code === "receiverNotFound")).toBe(true);
    expect(await ask(receiver.email)).toMatchObject({ ok: false, error: { code: "tooManyWrongReceivers" } });
    // Another owner is not affected.
    const other = await pair();
    expect(
      (
        await requestTransfer(as(other.owner.id, clock), config, {
          mailboxId: other.box.id,
          customerNumber: other.receiver.customerNumber,
          email: other.receiver.email,
        })
      ).ok,
    ).toBe(true);
    clock.set(new Date(NOW.getTime() + T.wrongReceiverBlockMinutes * 60_000 + 1));
    expect((await ask(receiver.email)).ok).toBe(true);
  });

  it("approval moves the mailbox with its address, 2FA and billing ended; a second approval is refused", async () => {
    const { owner, receiver, box } = await pair();
    await db.twoFactor.create({ data: { kind: "MAILBOX", principalId: box.id, secret: "v1:a:b:c", enabledAt: NOW } });
    await db.mailbox.update({ where: { id: box.id }, data: { plan: "PAID" } });
    await db.paidPeriod.create({
      data: { mailboxId: box.id, customerId: owner.id, startsAt: new Date("2026-11-01T00:00:00Z"), priceOre: 3900 },
    });
    const id = await request(owner.id, box, receiver);
    // Only the receiver decides.
    expect(await decideTransfer(as(owner.id), config, { transferId: id, approve: true })).toMatchObject({
      ok: false,
      error: { code: "notFound" },
    });
    expect(await decideTransfer(as(receiver.id), config, { transferId: id, approve: true })).toMatchObject({
      ok: true,
      value: { outcome: "approved" },
    });
    expect(await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).toMatchObject({
      customerId: receiver.id,
      address: box.address,
      plan: "INCLUDED",
      status: "ACTIVE",
    });
    expect(await db.twoFactor.count({ where: { principalId: box.id, enabledAt: { not: null } } })).toBe(1);
    expect((await db.paidPeriod.findFirstOrThrow({ where: { mailboxId: box.id } })).endsAt).toEqual(NOW);
    expect(await decideTransfer(as(receiver.id), config, { transferId: id, approve: true })).toMatchObject({
      ok: false,
      error: { code: "notPending" },
    });
    expect(await db.outgoingMail.count({ where: { to: owner.email, subject: { contains: "er flyttet" } } })).toBe(1);
  });

  it("is refused when the receiver already has 5 active mailboxes (R-TR-2), and succeeds once they delete one", async () => {
    const { owner, receiver, box } = await pair(5);
    const id = await request(owner.id, box, receiver);
    expect(await decideTransfer(as(receiver.id), config, { transferId: id, approve: true })).toMatchObject({
      ok: false,
      error: { code: "receiverFull" },
    });
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).customerId).toBe(owner.id);
    const one = first(await db.mailbox.findMany({ where: { customerId: receiver.id } }));
    await deleteMailbox(as(receiver.id), { mailboxId: one.id, confirmAddress: one.address });
    expect(await decideTransfer(as(receiver.id), config, { transferId: id, approve: true })).toMatchObject({ ok: true });
  });

  it("holds the limit under parallel approvals: into a receiver with 4, exactly one of several moves succeeds", async () => {
    const receiver = await createCustomer(db);
    for (let i = 0; i < 4; i++) await createMailbox(db, receiver.id);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const owner = await createCustomer(db);
      const box = await createMailbox(db, owner.id);
      ids.push(await request(owner.id, box, receiver));
    }
    const results = await Promise.all(ids.map((transferId) => decideTransfer(as(receiver.id), config, { transferId, approve: true })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === "receiverFull")).toBe(true);
    expect(await db.mailbox.count({ where: { customerId: receiver.id, status: "ACTIVE" } })).toBe(5);
  });

  it("refuses expired requests and mailboxes deleted meanwhile; declining and cancelling work", async () => {
    const { owner, receiver, box } = await pair();
    const id = await request(owner.id, box, receiver);
    const late = fixedClock(new Date(NOW.getTime() + 15 * 86_400_000));
    expect(await decideTransfer(as(receiver.id, late), config, { transferId: id, approve: true })).toMatchObject({
      ok: true,
      value: { outcome: "expired" },
    });
    expect((await db.mailboxTransfer.findUniqueOrThrow({ where: { id } })).status).toBe("EXPIRED");
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).customerId).toBe(owner.id);

    const again = await request(owner.id, box, receiver);
    await deleteMailbox(as(owner.id), { mailboxId: box.id, confirmAddress: box.address });
    expect(await decideTransfer(as(receiver.id), config, { transferId: again, approve: true })).toMatchObject({
      ok: false,
      error: { code: "notPending" },
    });

    const second = await pair();
    const declined = await request(second.owner.id, second.box, second.receiver);
    expect(await decideTransfer(as(second.receiver.id), config, { transferId: declined, approve: false })).toMatchObject({
      ok: true,
      value: { outcome: "declined" },
    });
    expect(await db.outgoingMail.count({ where: { to: second.owner.email, subject: { contains: "avslått" } } })).toBe(1);
    const cancelled = await request(second.owner.id, second.box, second.receiver);
    expect(await cancelTransfer(as(second.owner.id), { transferId: cancelled })).toMatchObject({ ok: true });
    expect(await decideTransfer(as(second.receiver.id), config, { transferId: cancelled, approve: true })).toMatchObject({
      ok: false,
      error: { code: "notPending" },
    });
  });
});
