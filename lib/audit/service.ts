// The audit log (R-ADM-2): who, what, when, before and after. Written inside the transaction of
// the change it records, so there is never a change without its event, or an event without it.
import { actorId, type ServiceContext } from "@/lib/actor";
import type { Db, Tx } from "@/lib/db";

export type AuditEntry = {
  action: string;
  subjectType: "CUSTOMER" | "MAILBOX" | "AGENT" | "SESSION";
  subjectId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

/** Who writes the event and for which request: a service's context has all of it. */
export type AuditContext = Pick<ServiceContext, "clock" | "actor" | "requestId">;

/**
 * The one way audit events are written (issue 15): in the change's transaction, with the request's
 * id. Several at once (a sweep's batch) go in one statement.
 */
export async function recordAudit(
  tx: Tx | Pick<Db, "auditEvent">,
  ctx: AuditContext,
  entries: AuditEntry | readonly AuditEntry[],
): Promise<void> {
  const at = ctx.clock.now();
  const rows = (Array.isArray(entries) ? entries : [entries]).map((entry: AuditEntry) => ({
    at,
    actorKind: ctx.actor.kind,
    actorId: actorId(ctx.actor),
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    before: (entry.before ?? undefined) as never,
    after: (entry.after ?? undefined) as never,
    requestId: ctx.requestId,
  }));
  if (rows.length === 1) await tx.auditEvent.create({ data: rows[0]! });
  else if (rows.length > 1) await tx.auditEvent.createMany({ data: rows });
}
