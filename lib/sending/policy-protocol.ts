// Postfix's policy delegation protocol (SMTPD_POLICY_README, `check_policy_service`): the client
// sends `name=value` lines ended by an empty line; the server answers one `action=...` line and
// an empty line, on the same connection, as many times as the client asks. Pure.

export type PolicyRequest = Record<string, string>;

/** Splits a buffer of input into complete requests and the unfinished rest. */
export function parsePolicyRequests(buffered: string): { requests: PolicyRequest[]; rest: string } {
  const requests: PolicyRequest[] = [];
  let rest = buffered.replace(/\r\n/g, "\n");
  for (let end = rest.indexOf("\n\n"); end >= 0; end = rest.indexOf("\n\n")) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    const request: PolicyRequest = {};
    for (const line of block.split("\n")) {
      const eq = line.indexOf("=");
      if (eq > 0) request[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
    }
    requests.push(request);
  }
  return { requests, rest };
}

/** One answer: `action=...`, then the empty line that ends it. Line breaks in the text are removed. */
export function formatPolicyAction(action: string): string {
  return `action=${action.replace(/[\r\n]+/g, " ")}\n\n`;
}
