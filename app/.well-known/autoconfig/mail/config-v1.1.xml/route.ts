// Thunderbird autoconfig at the domain's well-known location (draft-ietf-mailmaint-autoconfig).
// The same document for any address: it reveals nothing about which mailboxes exist.
import { mailServers } from "@/lib/env";
import { thunderbirdConfig } from "@/lib/mail-setup/autoconfig";

export function GET() {
  return new Response(thunderbirdConfig(mailServers()), {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
