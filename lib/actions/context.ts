// The service context of this request, for an actor the caller has authenticated: the database,
// the (test-movable) clock, and the request's own id, so audit events of one request share it.
import type { Actor, ServiceContext } from "@/lib/actor";
import { requestMeta } from "@/lib/auth/request";
import { db } from "@/lib/db";
import { requestClock } from "@/lib/test-clock";

export async function requestContext(actor: Actor): Promise<ServiceContext> {
  return { db: db(), clock: await requestClock(db()), actor, requestId: (await requestMeta()).requestId };
}
