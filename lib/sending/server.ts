// The policy delegation server: one TCP connection per Postfix process, requests answered in
// order. A failing decision answers DEFER_IF_PERMIT (try later) rather than letting mail through
// unchecked or dropping the connection.
import net from "node:net";
import { formatPolicyAction, parsePolicyRequests } from "@/lib/sending/policy-protocol";
import { policyDecider, type PolicyPool } from "@/lib/sending/service";
import { metrics } from "@/lib/metrics";

export type PolicyServer = {
  address: () => net.AddressInfo;
  /** Stops taking connections, answers what was asked, then closes each connection. */
  close: () => Promise<void>;
};

export function startPolicyServer(
  db: PolicyPool,
  options: { port: number; host: string; now?: () => Date; concurrency?: number },
): Promise<PolicyServer> {
  const decide = policyDecider(db, { now: options.now ?? (() => new Date()), concurrency: options.concurrency ?? 2, maxBatch: 200 });
  // Each open connection with the promise of its last answer, so closing can wait for it.
  const open = new Map<net.Socket, Promise<void>>();
  const server = net.createServer((socket) => {
    let buffered = "";
    open.set(socket, Promise.resolve());
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      buffered += chunk;
      // A request is a few hundred bytes; a client that never ends one is cut off.
      if (buffered.length > 64 * 1024) return socket.destroy();
      const { requests, rest } = parsePolicyRequests(buffered);
      buffered = rest;
      for (const request of requests) {
        open.set(
          socket,
          open.get(socket)!.then(async () => {
            const timer = metrics().policyDecisions.startTimer();
            const action = await decide(request).catch(() => "DEFER_IF_PERMIT 4.3.0 Policy service unavailable, try again later");
            timer({ verdict: verdictOf(action) });
            if (!socket.destroyed) socket.write(formatPolicyAction(action));
          }),
        );
      }
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => open.delete(socket));
  });
  const closed = new Promise<void>((resolve) => server.once("close", () => resolve()));
  return new Promise((resolve) =>
    server.listen(options.port, options.host, () =>
      resolve({
        address: () => server.address() as net.AddressInfo,
        close: () => {
          server.close();
          // Postfix keeps idle connections for minutes; it reconnects when it next asks.
          for (const [socket, answered] of open)
            void answered.then(() => socket.end(() => setTimeout(() => socket.destroy(), 5000).unref()));
          return closed;
        },
      }),
    ),
  );
}

/** The action's verdict word, from Postfix's small set (a bounded label). */
function verdictOf(action: string): string {
  const word = action.split(" ")[0]!.toUpperCase();
  return ["DUNNO", "OK", "DEFER_IF_PERMIT", "DEFER", "REJECT", "HOLD", "DISCARD"].includes(word) ? word : "other";
}
