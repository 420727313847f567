// Who is calling: the client address as the portal can trust it, and a request id for the audit log.
import { headers } from "next/headers";
import { randomUUID } from "node:crypto";
import { env } from "@/lib/env";

/**
 * The client's IP address. Next.js appends the connecting address to X-Forwarded-For; entries
 * left of the trusted proxies are the client's own claims and are not believed.
 */
export function clientIpFrom(forwardedFor: string | null | undefined): string {
  const hops = (forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (hops.length === 0) return "unknown";
  const trusted = env().TRUSTED_PROXY_HOPS;
  return hops[Math.max(0, hops.length - 1 - trusted)].slice(0, 64);
}

export async function requestMeta() {
  const h = await headers();
  return {
    ip: clientIpFrom(h.get("x-forwarded-for")),
    userAgent: h.get("user-agent") ?? undefined,
    requestId: h.get("x-request-id")?.slice(0, 64) || randomUUID(),
  };
}
