// The sending rules (R-SEC-2, R-SEC-3) and Postfix's policy protocol, pure.
import { describe, expect, it } from "vitest";
import { formatPolicyAction, parsePolicyRequests } from "@/lib/sending/policy-protocol";
import { policyAction, senderVerdict, volumeVerdict } from "@/lib/sending/rules";

const NOW = new Date("2026-12-01T12:00:00Z");

describe("the policy protocol", () => {
  it("splits requests at the empty line, keeps the unfinished rest, and answers in its format", () => {
    const input = "request=smtpd_access_policy\nprotocol_state=RCPT\nsasl_username=kari@altibox.no\nrecipient=ola@example.com\n\nrequest=smtpd_access_policy\nprotocol_state=END-OF-MESSAGE\r\nrecipient_count=3\r\n\r\nrequest=smtpd_access";
    const { requests, rest } = parsePolicyRequests(input);
    expect(requests).toEqual([
      { request: "smtpd_access_policy", protocol_state: "RCPT", sasl_username: "kari@altibox.no", recipient: "ola@example.com" },
      { request: "smtpd_access_policy", protocol_state: "END-OF-MESSAGE", recipient_count: "3" },
    ]);
    expect(rest).toBe("request=smtpd_access");
    expect(formatPolicyAction("REJECT 5.7.1 no\nway")).toBe("action=REJECT 5.7.1 no way\n\n");
  });
});

describe("who may send (R-SEC-2)", () => {
  it("refuses anonymous senders and mailboxes that are not ours, and a blocked one until its time", () => {
    expect(policyAction(senderVerdict({ kind: "anonymous" }, NOW))).toBe("REJECT 5.7.0 Authentication required");
    expect(policyAction(senderVerdict({ kind: "notOurs" }, NOW))).toMatch(/^REJECT 5\.7\.1/);
    expect(senderVerdict({ kind: "mailbox", blockedUntil: new Date(NOW.getTime() + 60_000) }, NOW)).toMatchObject({ action: "reject" });
    expect(senderVerdict({ kind: "mailbox", blockedUntil: NOW }, NOW)).toEqual({ action: "allow" });
    expect(policyAction(senderVerdict({ kind: "mailbox", blockedUntil: null }, NOW))).toBe("DUNNO");
  });
});

describe("how much (R-SEC-3)", () => {
  it("allows 50 distinct recipients and 200 messages in the hour, and blocks for an hour past either", () => {
    expect(volumeVerdict({ messages: 200, distinctRecipients: 50 }, NOW)).toEqual({ action: "allow" });
    const recipients = volumeVerdict({ messages: 3, distinctRecipients: 51 }, NOW);
    expect(recipients).toMatchObject({ action: "reject", reason: "recipients", blockUntil: new Date("2026-12-01T13:00:00Z") });
    expect(volumeVerdict({ messages: 201, distinctRecipients: 1 }, NOW)).toMatchObject({ action: "reject", reason: "messages" });
    expect(policyAction(recipients)).toMatch(/^DEFER 4\.7\.1 Too many recipients/);
  });
});
