// Microsoft Autodiscover (POX) for Outlook: POST a request naming the address; the answer lists
// IMAP and SMTP with the address as login. Addresses of other domains get Autodiscover's error.
import { mailServers } from "@/lib/env";
import { addressOfDomain, autodiscoverError, autodiscoverRequestAddress, autodiscoverResponse } from "@/lib/mail-setup/autoconfig";

const xml = (body: string, status = 200) => new Response(body, { status, headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "no-store" } });

export async function POST(request: Request) {
  if (Number(request.headers.get("content-length") ?? 0) > 10_000) return xml(autodiscoverError(), 413);
  const body = (await request.text()).slice(0, 10_000);
  const servers = mailServers();
  const address = addressOfDomain(autodiscoverRequestAddress(body) ?? "", servers.domain);
  return address ? xml(autodiscoverResponse(servers, address)) : xml(autodiscoverError());
}

export function GET() {
  return xml(autodiscoverError());
}
