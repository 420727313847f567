// The policy delegation server: one TCP connection per Postfix process, requests answered in
// order. A failing decision answers DEFER_IF_PERMIT (try later) rather than letting mail through
// unchecked or dropping the connection.
import net from "node:net";
import { formatPolicyAction, parsePolicyRequests } from "@/lib/sending/policy-protocol";
import { decidePolicy, type PolicyPool } from "@/lib/sending/service";

export function startPolicyServer(db: PolicyPool, options: { port: number; host: string; now?: () => Date }): Promise<net.Server> {
  const now = options.now ?? (() => new Date());
  const server = net.createServer((socket) => {
    let buffered = "";
    let queue = Promise.resolve();
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      buffered += chunk;
      // A request is a few hundred bytes; a client that never ends one is cut off.
      if (buffered.length > 64 * 1024) return socket.destroy();
      const { requests, rest } = parsePolicyRequests(buffered);
      buffered = rest;
      for (const request of requests) {
        queue = queue.then(async () => {
          const action = await decidePolicy(db, request, now()).catch(() => "DEFER_IF_PERMIT 4.3.0 Policy service unavailable, try again later");
          if (!socket.destroyed) socket.write(formatPolicyAction(action));
        });
      }
    });
    socket.on("error", () => socket.destroy());
  });
  return new Promise((resolve) => server.listen(options.port, options.host, () => resolve(server)));
}
