// Next.js calls this for every error a page, action or route did not handle (issue 19): one log
// line with the reference the person was shown (the digest), the route and the request's method.
import type { Instrumentation } from "next";

export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { log } = await import("@/lib/log");
  log().error(
    {
      err: error,
      digest: (error as { digest?: string }).digest,
      method: request.method,
      route: context.routePath,
      kind: context.routeType,
    },
    "request failed",
  );
};
