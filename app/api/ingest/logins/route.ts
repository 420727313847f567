// POST /api/ingest/logins — the mail servers report logins (R-LC-4).
// Body: {"logins": [{"address": "…", "protocol": "imap|pop3|smtp|webmail", "at": "ISO-8601"}]}
// Answer: {"accepted", "alreadyKnown", "reopened", "errors": [{"index", "error"}], "results":
// [{"index", "outcome"}]} (one outcome per entry: what happened to it); valid entries are kept even
// when others fail. Authorization: Bearer $INGEST_TOKEN.
import { json, machineRoute } from "@/lib/actions/routes";
import { env } from "@/lib/env";
import { POLICY } from "@/lib/policy";
import { recordLoginBatch } from "@/lib/lifecycle/login-service";

export const POST = machineRoute({
  token: () => env().INGEST_TOKEN,
  realm: "ingest",
  maxBytes: POLICY.loginEvents.maxBodyBytes,
  body: "json",
  handle: async (ctx, body) => {
    const logins = (body as { logins?: unknown })?.logins;
    if (!Array.isArray(logins)) return json({ error: "expectedLoginsArray" }, 400);
    return json(await recordLoginBatch(ctx.db, ctx.clock, logins, ctx.requestId), 200);
  },
});
