// Who is calling: the client address as the portal can trust it, and a request id for the audit log.
import { headers } from "next/headers";
import { randomUUID } from "node:crypto";
import { env } from "@/lib/env";

/**
 * The client's IP address. The portal's server (scripts/serve.ts) appends the connecting peer to
 * X-Forwarded-For; of the entries left of it, only as many as there are trusted proxies in front
 * are believed, the rest are the client's own claims.
 */
export function clientIpFrom(forwardedFor: string | null | undefined, trustedProxies = env().TRUSTED_PROXY_HOPS): string {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return hops[Math.max(0, hops.length - 1 - trustedProxies)]?.slice(0, 64) ?? "unknown";
}

export async function requestMeta() {
  const h = await headers();
  return {
    ip: clientIpFrom(h.get("x-forwarded-for")),
    userAgent: h.get("user-agent") ?? undefined,
    requestId: h.get("x-request-id")?.slice(0, 64) || randomUUID(),
  };
}
