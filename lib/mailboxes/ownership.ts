// Loads one of the customer's own mailboxes for a page; anyone else's is "not found".
import type { Db } from "@/lib/db";
import { isUuid } from "@/lib/ids";

export async function findOwnMailbox(db: Db, customerId: string, mailboxId: string) {
  if (!isUuid(mailboxId)) return null;
  return db.mailbox.findFirst({ where: { id: mailboxId, customerId } });
}
