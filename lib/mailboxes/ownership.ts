// Loads one of the customer's own mailboxes for a page; anyone else's is "not found".
import type { Db } from "@/lib/db";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findOwnMailbox(db: Db, customerId: string, mailboxId: string) {
  if (!UUID.test(mailboxId)) return null;
  return db.mailbox.findFirst({ where: { id: mailboxId, customerId } });
}
