// POST /api/ingest/logins — the mail servers report logins (R-LC-4).
// Body: {"logins": [{"address": "…", "protocol": "imap|pop3|smtp|webmail", "at": "ISO-8601"}]}
// Answer: {"accepted", "alreadyKnown", "errors": [{"index", "error"}]}; valid entries are kept
// even when others fail. Authorization: Bearer $INGEST_TOKEN.
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
  return json(await recordLoginBatch(db(), await requestClock(db()), logins), 200);
}
