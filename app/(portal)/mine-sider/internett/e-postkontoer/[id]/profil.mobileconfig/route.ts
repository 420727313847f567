// The Apple configuration profile of one of the signed-in customer's mailboxes (R-SET-1): the owner
// sets up a family member's phone from Mine sider (issue 18). The profile holds no password.
import { requireCustomer } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { mailServers } from "@/lib/env";
import { mobileconfigDownload } from "@/lib/mail-setup/autoconfig";
import { isActiveStanding, listCustomerMailboxes } from "@/lib/mailboxes/queries";
import { requestClock } from "@/lib/test-clock";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { customerId } = await requireCustomer();
  const { id } = await params;
  const rows = await listCustomerMailboxes(db(), customerId, (await requestClock(db())).now());
  const mailbox = rows.find((r) => r.id === id && isActiveStanding(r.standing));
  if (!mailbox) return new Response("Not Found", { status: 404 });
  return mobileconfigDownload(mailServers(), mailbox);
}
