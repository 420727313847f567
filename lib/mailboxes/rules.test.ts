import { describe, expect, it } from "vitest";
import { normaliseDisplayName, normaliseLocalPart, quotaShare, reservedLocalParts } from "@/lib/mailboxes/rules";
import { POLICY } from "@/lib/policy";

const D = {
  domain: "altibox.no",
  reserved: reservedLocalParts({ mailFrom: "Altibox <ikke-svar@altibox.no>", brand: "Altibox", domain: "altibox.no" }),
};

describe("normaliseLocalPart (R-ACC-1)", () => {
  it("lower-cases and trims, and accepts the portal's own domain", () => {
    expect(normaliseLocalPart("  Kari.Nordmann ", D)).toEqual({ ok: true, localPart: "kari.nordmann" });
    expect(normaliseLocalPart("kari@ALTIBOX.no", D)).toEqual({ ok: true, localPart: "kari" });
  });

  it("folds full-width compatibility characters before judging", () => {
    expect(normaliseLocalPart("ｋａｒｉ", D)).toEqual({ ok: true, localPart: "kari" });
  });

  it.each([
    ["", "empty"],
    ["a", "tooShort"],
    ["x".repeat(65), "tooLong"],
    ["kåre", "invalidCharacters"],
    ["kаri", "invalidCharacters"], // Cyrillic а: a look-alike
    ["kari nordmann", "invalidCharacters"],
    ["<script>", "invalidCharacters"],
    ["kari'; DROP TABLE", "invalidCharacters"],
    [".kari", "dotPlacement"],
    ["kari.", "dotPlacement"],
    ["ka..ri", "dotPlacement"],
    ["-kari", "dotPlacement"],
    ["postmaster", "reserved"],
    ["Abuse", "reserved"],
    ["root", "reserved"],
    // R-ACC-8: the portal's own sender and the provider's role words, however they are spelt.
    ["ikke-svar", "reserved"],
    ["ikke.svar", "reserved"],
    ["ikkesvar", "reserved"],
    ["no_reply", "reserved"],
    ["sikkerhet", "reserved"],
    ["faktura", "reserved"],
    ["kunde-service", "reserved"],
    ["hostmaster", "reserved"],
    ["webmaster", "reserved"],
    ["support", "reserved"],
    ["altibox", "reserved"],
    ["altibox-kundeservice", "reserved"],
    ["support.alti-box", "reserved"],
    ["kari@gmail.com", "wrongDomain"],
  ])("refuses %j as %s", (input, problem) => {
    expect(normaliseLocalPart(input, D)).toEqual({ ok: false, problem });
  });
});

describe("reserved addresses (R-ACC-8)", () => {
  it("reserve the sender of MAIL_FROM and the brand, whatever they are configured to", () => {
    const other = {
      domain: "example.no",
      reserved: reservedLocalParts({ mailFrom: "Fjordnett <varsel@example.no>", brand: "Fjordnett", domain: "example.no" }),
    };
    expect(normaliseLocalPart("varsel", other)).toEqual({ ok: false, problem: "reserved" });
    expect(normaliseLocalPart("fjordnett.hjelp", other)).toEqual({ ok: false, problem: "reserved" });
    // A sender on another domain reserves nothing here; ordinary names stay free.
    const elsewhere = {
      domain: "example.no",
      reserved: reservedLocalParts({ mailFrom: "varsel@elsewhere.example", brand: "X", domain: "example.no" }),
    };
    expect(normaliseLocalPart("varsel", elsewhere)).toEqual({ ok: true, localPart: "varsel" });
    expect(normaliseLocalPart("kari.nordmann", other)).toEqual({ ok: true, localPart: "kari.nordmann" });
  });
});

describe("normaliseDisplayName", () => {
  it("collapses white space", () => {
    expect(normaliseDisplayName("  Kari   Nordmann ")).toEqual({ ok: true, displayName: "Kari Nordmann" });
  });
  it("refuses empty, over-long and header-breaking names", () => {
    expect(normaliseDisplayName("   ")).toEqual({ ok: false, problem: "empty" });
    expect(normaliseDisplayName("x".repeat(POLICY.mailboxes.displayNameMaxLength + 1))).toEqual({ ok: false, problem: "tooLong" });
    expect(normaliseDisplayName("Kari <kari@evil.test>")).toEqual({ ok: false, problem: "invalidCharacters" });
    expect(normaliseDisplayName("Kari\u0000")).toEqual({ ok: false, problem: "invalidCharacters" });
  });
});

describe("quotaShare (R-ACC-6)", () => {
  it("is the share of 15 GB, clamped to 0..1", () => {
    expect(quotaShare(0)).toBe(0);
    expect(quotaShare(7_500_000_000n)).toBeCloseTo(0.5);
    expect(quotaShare(20_000_000_000n)).toBe(1);
  });
});
