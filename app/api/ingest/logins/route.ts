// POST /api/ingest/logins — the mail servers report logins (R-LC-4).
// Body: {"logins": [{"address": "…", "protocol": "imap|pop3|smtp|webmail", "at": "ISO-8601"}]}
// Answer: {"accepted", "alreadyKnown", "reopened", "errors": [{"index", "error"}], "results":
// [{"index", "outcome"}]} (one outcome per entry: what happened to it); valid entries are kept even
// when others fail. Authorization: Bearer $INGEST_TOKEN.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { requestClock } from "@/lib/test-clock";
import { POLICY } from "@/lib/policy";
import { json, readAuthorizedJson } from "@/lib/http/json-ingest";
import { recordLoginBatch } from "@/lib/lifecycle/login-service";

export async function POST(request: Request) {
  const read = await readAuthorizedJson(request, env().INGEST_TOKEN, POLICY.loginEvents.maxBodyBytes, "ingest");
  if ("refusal" in read) return read.refusal;
  const logins = (read.body as { logins?: unknown })?.logins;
  if (!Array.isArray(logins)) return json({ error: "expectedLoginsArray" }, 400);
  const requestId = request.headers.get("x-request-id")?.slice(0, 64) || randomUUID();
  return json(await recordLoginBatch(db(), await requestClock(db()), logins, requestId), 200);
}
