import { describe, expect, it } from "vitest";
import { withConnectingPeer } from "@/lib/http/forwarded";

describe("withConnectingPeer", () => {
  it("appends the connecting peer, so the rightmost entry is one the portal saw itself", () => {
    expect(withConnectingPeer(undefined, "::ffff:10.0.0.5")).toBe("10.0.0.5");
    expect(withConnectingPeer("1.2.3.4", "10.0.0.5")).toBe("1.2.3.4, 10.0.0.5");
    expect(withConnectingPeer(["1.2.3.4, 5.6.7.8"], "::1")).toBe("1.2.3.4, 5.6.7.8, ::1");
  });
});

describe("clientIpFrom", async () => {
  const { clientIpFrom } = await import("@/lib/auth/request");
  it("believes only the peer the server saw, plus as many proxies as are trusted", () => {
    const spoofed = withConnectingPeer("6.6.6.6", "203.0.113.9");
    expect(clientIpFrom(spoofed, 0)).toBe("203.0.113.9");
    const viaProxy = withConnectingPeer("6.6.6.6, 198.51.100.7", "10.0.0.2");
    expect(clientIpFrom(viaProxy, 1)).toBe("198.51.100.7");
    expect(clientIpFrom("", 0)).toBe("unknown");
  });
});
