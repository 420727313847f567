// The audit log as CSV (issue 5): the filter of the audit view, streamed in batches. Agents only;
// the export itself is audited, since it carries customers' data out of the portal.
import { requireAgent } from "@/lib/auth/guards";
import { requestMeta } from "@/lib/auth/request";
import { db } from "@/lib/db";
import { auditCsv, auditFilterSchema, recordAuditExport } from "@/lib/admin/audit";
import { requestClock } from "@/lib/test-clock";

export async function GET(request: Request) {
  const agent = await requireAgent();
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = auditFilterSchema.safeParse(params);
  if (!parsed.success) return new Response("Ugyldig filter.\n", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const { requestId } = await requestMeta();
  const clock = await requestClock(db());
  await recordAuditExport({ db: db(), clock, actor: { kind: "AGENT", agentId: agent.agentId, role: agent.role }, requestId }, parsed.data);
  const lines = auditCsv(db(), parsed.data);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  const stamp = clock.now().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="revisjonslogg-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
