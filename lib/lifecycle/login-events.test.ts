import { describe, expect, it } from "vitest";
import { parseLoginBatch } from "@/lib/lifecycle/login-events";
import { POLICY } from "@/lib/policy";

const now = new Date("2026-11-27T12:00:00Z");

describe("parseLoginBatch (R-LC-4)", () => {
  it("keeps valid logins and answers each bad entry on its own", () => {
    const { valid, errors } = parseLoginBatch(
      [
        { address: " Kari@Altibox.no ", protocol: "imap", at: "2026-11-27T11:00:00Z" },
        { address: "kari@altibox.no", protocol: "lmtp", at: "2026-11-27T11:00:00Z" },
        { address: "kari@altibox.no", protocol: "forward", at: "2026-11-27T11:00:00Z" },
        { address: "kari@altibox.no", protocol: "carrier-pigeon", at: "2026-11-27T11:00:00Z" },
        { address: "kari@altibox.no", protocol: "smtp", at: "2027-01-01T00:00:00Z" },
        { address: "kari@altibox.no", protocol: "pop3", at: "yesterday" },
        "not even an object",
        { address: "kari@altibox.no", protocol: "webmail", at: "2026-11-27T12:04:00+00:00" },
      ],
      now,
    );
    expect(valid).toEqual([
      { index: 0, address: "kari@altibox.no", protocol: "IMAP", at: new Date("2026-11-27T11:00:00Z") },
      { index: 7, address: "kari@altibox.no", protocol: "WEBMAIL", at: new Date("2026-11-27T12:04:00Z") },
    ]);
    expect(errors).toEqual([
      { index: 1, error: "notALogin" },
      { index: 2, error: "notALogin" },
      { index: 3, error: "unknownProtocol" },
      { index: 4, error: "future" },
      { index: 5, error: "malformed" },
      { index: 6, error: "malformed" },
    ]);
  });

  it("takes at most the batch limit and refuses the rest entry by entry", () => {
    const entry = { address: "kari@altibox.no", protocol: "imap", at: "2026-11-27T11:00:00Z" };
    const { valid, errors } = parseLoginBatch(
      Array.from({ length: POLICY.loginEvents.maxBatchEntries + 2 }, () => entry),
      now,
    );
    expect(valid).toHaveLength(POLICY.loginEvents.maxBatchEntries);
    expect(errors).toEqual([
      { index: POLICY.loginEvents.maxBatchEntries, error: "batchLimit" },
      { index: POLICY.loginEvents.maxBatchEntries + 1, error: "batchLimit" },
    ]);
  });
});
