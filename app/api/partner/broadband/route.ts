// POST /api/partner/broadband — the partners' systems report broadband ending or active again
// (issue 6, R-PAY-2, R-PAY-6). Authorization: Bearer $PARTNER_TOKEN.
// Body: {"partner": "name (optional)", "events": [{"id": "the partner's event id",
//        "customerNumber": "10000001", "status": "ended|active", "effectiveDate": "2026-12-01"}]}
// Answer: {"results": [{"index", "id", "outcome"}]} with outcome accepted | alreadyKnown (re-sent:
// nothing changes) | conflict (same id, other content) | unknownCustomer | impossibleDate |
// malformed. Each event stands alone: good ones are kept when others fail.
import { json, machineRoute } from "@/lib/actions/routes";
import { recordBroadbandEvents } from "@/lib/broadband/service";
import { commerceConfig, env } from "@/lib/env";
import { POLICY } from "@/lib/policy";

const MAX_EVENTS = POLICY.loginEvents.maxBatchEntries;

export const POST = machineRoute({
  token: () => env().PARTNER_TOKEN,
  realm: "partner",
  maxBytes: POLICY.loginEvents.maxBodyBytes,
  body: "json",
  handle: async (ctx, body) => {
    const b = body as { partner?: unknown; events?: unknown };
    if (!Array.isArray(b?.events)) return json({ error: "expectedEventsArray" }, 400);
    if (b.events.length > MAX_EVENTS) return json({ error: "tooManyEvents", max: MAX_EVENTS }, 413);
    const partner = typeof b.partner === "string" && /^[\w.-]{1,40}$/.test(b.partner) ? b.partner : "partner";
    return json({ results: await recordBroadbandEvents(ctx.db, ctx.clock, partner, b.events, commerceConfig(), ctx.requestId) }, 200);
  },
});
