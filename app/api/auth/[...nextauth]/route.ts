import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { readBodyUpTo } from "@/lib/http/body";
import { POLICY } from "@/lib/policy";

function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(req, ctx);
}

/**
 * next-auth reads a POST's whole body itself: it gets a copy read here as it arrives, cut off at
 * the limit of a login form (issue 14; 64 MB used to cost the server 155 MB).
 */
async function post(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const body = await readBodyUpTo(req, POLICY.http.smallBodyBytes);
  if (!body) return Response.json({ error: "tooLarge" }, { status: 413 });
  return handler(new NextRequest(req.url, { method: req.method, headers: req.headers, body: new Uint8Array(body) }), ctx);
}

export { handler as GET, post as POST };
