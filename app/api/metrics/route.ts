// GET /api/metrics — the mail platform's event stream in Prometheus's text format (R-PLAT-3), so
// a Dovecot backend that is down is seen by monitoring as well as in the admin view.
// Authorization: Bearer $METRICS_TOKEN. (The full metrics of every process come with issue 19.)
import { machineRoute } from "@/lib/actions/routes";
import { env } from "@/lib/env";
import { platformEventMetrics } from "@/lib/mail-platform/events";

export const GET = machineRoute<Buffer>({
  token: () => env().METRICS_TOKEN,
  realm: "metrics",
  maxBytes: 1024,
  body: "raw",
  handle: async (ctx) =>
    new Response(await platformEventMetrics(ctx.db), {
      status: 200,
      headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" },
    }),
});
