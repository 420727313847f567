// Microsoft Autodiscover (POX) for Outlook: POST a request naming the address; the answer lists
// IMAP and SMTP with the address as login. Addresses of other domains get Autodiscover's error.
import { mailServers } from "@/lib/env";
import { readBodyUpTo } from "@/lib/http/body";
import { POLICY } from "@/lib/policy";
import { addressOfDomain, autodiscoverError, autodiscoverRequestAddress, autodiscoverResponse } from "@/lib/mail-setup/autoconfig";

const xml = (body: string, status = 200) =>
  new Response(body, { status, headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "no-store" } });

export async function POST(request: Request) {
  // Read as it arrives and cut off at the limit: a chunked body is never read whole (issue 14).
  const raw = await readBodyUpTo(request, POLICY.http.smallBodyBytes);
  if (!raw) return xml(autodiscoverError(), 413);
  const body = new TextDecoder().decode(raw);
  const servers = mailServers();
  const address = addressOfDomain(autodiscoverRequestAddress(body) ?? "", servers.domain);
  return address ? xml(autodiscoverResponse(servers, address)) : xml(autodiscoverError());
}

export function GET() {
  return xml(autodiscoverError());
}
