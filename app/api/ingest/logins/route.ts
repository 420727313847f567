// POST /api/ingest/logins — the mail servers report logins (R-LC-4).
// Body: {"logins": [{"address": "…", "protocol": "imap|pop3|smtp|webmail", "at": "ISO-8601"}]}
// Answer: {"accepted", "alreadyKnown", "errors": [{"index", "error"}]}; valid entries are kept
// even when others fail. Authorization: Bearer $INGEST_TOKEN.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { requestClock } from "@/lib/test-clock";
import { POLICY } from "@/lib/policy";
import { bearerMatches } from "@/lib/http/bearer";
import { recordLoginBatch } from "@/lib/lifecycle/login-service";

const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });

export async function POST(request: Request) {
  const token = env().INGEST_TOKEN;
  if (!token) return json({ error: "notConfigured" }, 503);
  if (!bearerMatches(request.headers.get("authorization"), token)) {
    return json({ error: "unauthorized" }, 401, { "www-authenticate": 'Bearer realm="ingest"' });
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > POLICY.loginEvents.maxBodyBytes) return json({ error: "tooLarge" }, 413);
  const text = await request.text();
  if (Buffer.byteLength(text) > POLICY.loginEvents.maxBodyBytes) return json({ error: "tooLarge" }, 413);

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return json({ error: "malformedJson" }, 400);
  }
  const logins = (body as { logins?: unknown })?.logins;
  if (!Array.isArray(logins)) return json({ error: "expectedLoginsArray" }, 400);
  return json(await recordLoginBatch(db(), await requestClock(db()), logins), 200);
}
