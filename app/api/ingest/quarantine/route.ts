// POST /api/ingest/quarantine — the spam filter hands over a suspected message (R-CM-1).
// Authorization: Bearer $INGEST_TOKEN. Body: the raw RFC 5322 message (Content-Type:
// message/rfc822), at most 18 MB (R-ACC-6). Headers: X-Recipient (the mailbox's address),
// X-Spam-Score (a number), X-Spam-Reason (short text), all required.
// Answer: {"outcome": "quarantined", "id"} | {"outcome": "delivered"} (allow-listed sender) |
// {"outcome": "discarded"} (block-listed) | 4xx {"error"} for unknown or deleted mailboxes, too
// large or empty messages, or missing headers. A message that does not parse is still kept.
import { json, machineRoute } from "@/lib/actions/routes";
import { receiveQuarantined } from "@/lib/cleanmail/intake";
import { env } from "@/lib/env";
import { portalTransport } from "@/lib/mail/portal-transport";
import { POLICY } from "@/lib/policy";

export const POST = machineRoute<Buffer>({
  token: () => env().INGEST_TOKEN,
  realm: "ingest",
  maxBytes: POLICY.mailboxes.maxMessageBytes,
  body: "raw",
  handle: async (ctx, raw, request) => {
    const recipient = request.headers.get("x-recipient")?.trim() ?? "";
    // A missing or empty score is missing, not 0 (Number("") is 0).
    const scoreHeader = request.headers.get("x-spam-score")?.trim();
    const score = scoreHeader ? Number(scoreHeader) : Number.NaN;
    const reason = (request.headers.get("x-spam-reason") ?? "").trim();
    if (!recipient || recipient.length > 320 || !Number.isFinite(score) || !reason)
      return json({ error: "missingHeaders", need: ["X-Recipient", "X-Spam-Score", "X-Spam-Reason"] }, 400);
    const result = await receiveQuarantined(
      ctx.db,
      ctx.clock,
      portalTransport(),
      { recipient, raw, score, reason },
      { quarantineDays: env().QUARANTINE_DAYS },
    );
    if (result.outcome === "refused")
      return json({ error: result.error }, result.error === "tooLarge" ? 413 : result.error === "empty" ? 400 : 404);
    return json(result, 200);
  },
});
