// The one way a machine-to-machine route runs (issue 15): the mail platform's and the partners'
// systems. A bearer token compared in constant time, the body read as it arrives up to the route's
// limit, JSON parsed when the route takes JSON, the service context with the request's id, and a
// short JSON answer whatever happens: never internal error text (issue 14).
import { randomUUID } from "node:crypto";
import type { ServiceContext } from "@/lib/actor";
import { db } from "@/lib/db";
import { bearerMatches } from "@/lib/http/bearer";
import { readBodyUpTo } from "@/lib/http/body";
import { requestClock } from "@/lib/test-clock";
import { log } from "@/lib/log";

export const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });

type RouteSpec<B> = {
  /** The route's bearer token; unset, the route is off (503). */
  token: () => string | undefined;
  realm: string;
  maxBytes: number;
  body: B extends Buffer ? "raw" : "json";
  handle: (ctx: ServiceContext, body: B, request: Request) => Promise<Response>;
};

export function machineRoute<B = unknown>(spec: RouteSpec<B>) {
  return async (request: Request): Promise<Response> => {
    const token = spec.token();
    if (!token) return json({ error: "notConfigured" }, 503);
    if (!bearerMatches(request.headers.get("authorization"), token)) {
      return json({ error: "unauthorized" }, 401, { "www-authenticate": `Bearer realm="${spec.realm}"` });
    }
    const raw = await readBodyUpTo(request, spec.maxBytes);
    if (!raw) return json({ error: "tooLarge" }, 413);
    let body: unknown = raw;
    if (spec.body === "json") {
      try {
        // TextDecoder, like Request.text(), drops a leading byte-order mark.
        body = JSON.parse(new TextDecoder().decode(raw));
      } catch {
        return json({ error: "malformedJson" }, 400);
      }
    }
    const requestId = request.headers.get("x-request-id")?.slice(0, 64) || randomUUID();
    try {
      const ctx: ServiceContext = { db: db(), clock: await requestClock(db()), actor: { kind: "SYSTEM", process: spec.realm }, requestId };
      return await spec.handle(ctx, body as B, request);
    } catch (error) {
      // The database away, a bug: the sender tries again later; the details stay in our log.
      log().error({ err: error, requestId, realm: spec.realm }, "machine route failed");
      return json({ error: "unavailable", requestId }, 503, { "retry-after": "30" });
    }
  };
}
