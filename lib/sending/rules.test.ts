// Postfix's policy protocol and the answers to PostgreSQL's decisions (R-SEC-2, R-SEC-3), pure.
import { describe, expect, it } from "vitest";
import { formatPolicyAction, parsePolicyRequests } from "@/lib/sending/policy-protocol";
import { POLICY } from "@/lib/policy";
import { policyAnswer } from "@/lib/sending/rules";

describe("the policy protocol", () => {
  it("splits requests at the empty line, keeps the unfinished rest, and answers in its format", () => {
    const input =
      "request=smtpd_access_policy\nprotocol_state=RCPT\nsasl_username=kari@altibox.no\nrecipient=ola@example.com\n\nrequest=smtpd_access_policy\nprotocol_state=END-OF-MESSAGE\r\nrecipient_count=3\r\n\r\nrequest=smtpd_access";
    const { requests, rest } = parsePolicyRequests(input);
    expect(requests).toEqual([
      { request: "smtpd_access_policy", protocol_state: "RCPT", sasl_username: "kari@altibox.no", recipient: "ola@example.com" },
      { request: "smtpd_access_policy", protocol_state: "END-OF-MESSAGE", recipient_count: "3" },
    ]);
    expect(rest).toBe("request=smtpd_access");
    expect(formatPolicyAction("REJECT 5.7.1 no\nway")).toBe("action=REJECT 5.7.1 no way\n\n");
  });
});

describe("what Postfix is told (R-SEC-2, R-SEC-3)", () => {
  // PostgreSQL decides (lib/sending/server.test.ts drives the real function through the limits);
  // these are the answers production sends for each of its decisions.
  it("refuses strangers for good, makes blocked and over-limit mailboxes wait, and lets the rest through", () => {
    expect(policyAnswer("anonymous", null)).toBe("REJECT 5.7.0 Authentication required");
    expect(policyAnswer("notOurs", null)).toMatch(/^REJECT 5\.7\.1 /);
    expect(policyAnswer("blocked", new Date("2026-12-01T13:00:00Z"))).toBe("DEFER 4.7.1 Sending blocked until 2026-12-01T13:00:00.000Z");
    const { windowMinutes, blockMinutes } = POLICY.sending;
    expect(policyAnswer("recipients", null)).toBe(
      `DEFER 4.7.1 Too many recipients in ${windowMinutes} minutes; sending blocked for ${blockMinutes} minutes`,
    );
    expect(policyAnswer("messages", null)).toBe(
      `DEFER 4.7.1 Too many messages in ${windowMinutes} minutes; sending blocked for ${blockMinutes} minutes`,
    );
    expect(policyAnswer("ok", null)).toBe("DUNNO");
  });
});
