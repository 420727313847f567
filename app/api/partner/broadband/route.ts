// POST /api/partner/broadband — the partners' systems report broadband ending or active again
// (issue 6, R-PAY-2, R-PAY-6). Authorization: Bearer $PARTNER_TOKEN.
// Body: {"partner": "name (optional)", "events": [{"id": "the partner's event id",
//        "customerNumber": "10000001", "status": "ended|active", "effectiveDate": "2026-12-01"}]}
// Answer: {"results": [{"index", "id", "outcome"}]} with outcome accepted | alreadyKnown (re-sent:
// nothing changes) | conflict (same id, other content) | unknownCustomer | impossibleDate |
// malformed. Each event stands alone: good ones are kept when others fail.
import { db } from "@/lib/db";
import { commerceConfig, env } from "@/lib/env";
import { requestClock } from "@/lib/test-clock";
import { POLICY } from "@/lib/policy";
import { json, readAuthorizedJson } from "@/lib/http/json-ingest";
import { requestMeta } from "@/lib/auth/request";
import { recordBroadbandEvents } from "@/lib/broadband/service";

const MAX_EVENTS = POLICY.loginEvents.maxBatchEntries;

export async function POST(request: Request) {
  const read = await readAuthorizedJson(request, env().PARTNER_TOKEN, POLICY.loginEvents.maxBodyBytes, "partner");
  if ("refusal" in read) return read.refusal;
  const body = read.body as { partner?: unknown; events?: unknown };
  if (!Array.isArray(body?.events)) return json({ error: "expectedEventsArray" }, 400);
  if (body.events.length > MAX_EVENTS) return json({ error: "tooManyEvents", max: MAX_EVENTS }, 413);
  const partner = typeof body.partner === "string" && /^[\w.-]{1,40}$/.test(body.partner) ? body.partner : "partner";
  const { requestId } = await requestMeta();
  const results = await recordBroadbandEvents(db(), await requestClock(db()), partner, body.events, commerceConfig(), requestId);
  return json({ results }, 200);
}
