// X-Forwarded-For as the portal's own server writes it: whatever the client or proxies sent, then
// the address of the peer that really connected (as every proxy does). Next.js only sets the header
// when it is missing, so without this a client could name any address and dodge per-IP throttling.
export function withConnectingPeer(forwardedFor: string | string[] | undefined, peer: string | undefined): string {
  const existing = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // IPv4 peers arrive as IPv4-mapped IPv6 on a dual-stack socket.
  const address = (peer ?? "unknown").replace(/^::ffff:/, "");
  return [...existing, address].join(", ");
}
