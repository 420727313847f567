// The customer row lock: it serialises every change to a customer's set of active mailboxes, so
// "count, then change" holds under concurrent requests and the 5-limit holds (R-ACC-2). Several
// customers are locked in id order, so two transactions over the same pair cannot deadlock. Take
// it before any mailbox row of the customer.
import type { Tx } from "@/lib/db";
import { POLICY } from "@/lib/policy";

export async function lockCustomers(tx: Tx, ...customerIds: string[]): Promise<void> {
  for (const id of [...new Set(customerIds)].sort()) await tx.$queryRaw`SELECT id FROM "Customer" WHERE id = ${id}::uuid FOR UPDATE`;
}

/** Active mailboxes of a customer (R-ACC-2); call under the customer's lock. */
function activeMailboxCount(tx: Tx, customerId: string): Promise<number> {
  return tx.mailbox.count({ where: { customerId, status: "ACTIVE" } });
}

/** R-ACC-2: whether the customer may have one more active mailbox; call under the customer's lock. */
export async function hasRoomForAnotherMailbox(tx: Tx, customerId: string): Promise<boolean> {
  return (await activeMailboxCount(tx, customerId)) < POLICY.mailboxes.maxActivePerCustomer;
}
