// The Apple configuration profile for the signed-in mailbox (iPhone, iPad, Mac): install it, type
// the password, and Mail is set up (R-SET-1). Only the mailbox's own session gets it.
import { requireMailboxUser } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { mailServers } from "@/lib/env";
import { mobileconfigDownload } from "@/lib/mail-setup/autoconfig";
import { mailboxSummary } from "@/lib/mailboxes/queries";
import { requestClock } from "@/lib/test-clock";

export async function GET() {
  const { mailboxId } = await requireMailboxUser();
  const mailbox = await mailboxSummary(db(), mailboxId, (await requestClock(db())).now());
  if (!mailbox) return new Response("Not Found", { status: 404 });
  return mobileconfigDownload(mailServers(), mailbox);
}
