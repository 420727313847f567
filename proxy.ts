// Runs before every page (Next.js 16's proxy): a Content-Security-Policy with a fresh nonce per
// request, so only the scripts Next.js itself puts on the page run, never an injected one (no
// 'unsafe-inline' scripts anywhere, issue 14); and a server action whose Origin is not this site
// is refused with 403 before it reaches the action (Next.js would answer 500).
import { NextResponse, type NextRequest } from "next/server";

export function proxy(request: NextRequest) {
  if (request.method === "POST" && request.headers.has("next-action") && !sameOrigin(request)) {
    return new NextResponse(null, { status: 403 });
  }
  const nonce = btoa(crypto.getRandomValues(new Uint8Array(16)).reduce((s, b) => s + String.fromCharCode(b), ""));
  const policy = contentSecurityPolicy(nonce);
  // Next.js reads the nonce for its own scripts from the request's policy header.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': what a nonced script loads may run; nothing else. React's development
    // build evaluates code, so `next dev` also allows eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${process.env.NODE_ENV === "production" ? "" : " 'unsafe-eval'"}`,
    // Style attributes (a storage bar's width) are not scripts; style sheets come from this site.
    "style-src 'self' 'unsafe-inline'",
    // The two-factor QR code is a data: image.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The Origin header names this site (as Next.js compares it: with the Host, or a forwarded one). */
function sameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export const config = {
  // Pages and their server actions; not the build's static files or the machine routes.
  matcher: [
    "/((?!_next/static|_next/image|api/|favicon.ico|favicon.svg|apple-icon|manifest.webmanifest|robots.txt|autodiscover|Autodiscover|mail/|\\.well-known/).*)",
  ],
};
