// The Apple configuration profile for the signed-in mailbox (iPhone, iPad, Mac): install it, type
// the password, and Mail is set up (R-SET-1). Only the mailbox's own session gets it.
import { requireMailboxUser } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { mailServers } from "@/lib/env";
import { appleMobileconfig } from "@/lib/mail-setup/autoconfig";
import { mailboxSummary } from "@/lib/mailboxes/queries";
import { requestClock } from "@/lib/test-clock";

export async function GET() {
  const { mailboxId } = await requireMailboxUser();
  const mailbox = await mailboxSummary(db(), mailboxId, (await requestClock(db())).now());
  if (!mailbox) return new Response("Not Found", { status: 404 });
  return new Response(appleMobileconfig(mailServers(), mailbox), {
    headers: {
      "Content-Type": "application/x-apple-aspen-config; charset=utf-8",
      "Content-Disposition": `attachment; filename="${mailbox.address.replace(/[^a-z0-9.@-]/gi, "_")}.mobileconfig"`,
      "Cache-Control": "no-store",
    },
  });
}
