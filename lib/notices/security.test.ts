// The security e-mail after a mailbox's password change says exactly what was ended (R-SEC-7),
// and only promises of the mail programs what the servers do: within a minute (R-PLAT-3).
import { describe, expect, it } from "vitest";
import { composeSecurityNotice } from "@/lib/notices/security";

const at = new Date("2026-11-30T10:00:00Z");
const mailbox = { kind: "MAILBOX" as const, label: "kari@altibox.no" };

describe("the password-changed notice", () => {
  it("names what ended, counted, and the mail programs' minute", () => {
    const { text } = composeSecurityNotice("passwordChanged", "nb", mailbox, at, "Altibox", {
      ended: { browserSessions: 2, cleanmailSessions: 0, cleanmailLinks: 1 },
    });
    expect(text).toContain("Vi avsluttet 2 innlogginger på nett og 1 lenke i karanterapporter.");
    expect(text).toContain("kobles fra i løpet av et minutt");
    expect(text).not.toContain("er logget ut");
  });

  it("says so when nobody was logged in on the web, in English too", () => {
    const nb = composeSecurityNotice("passwordChanged", "nb", mailbox, at, "Altibox", {
      ended: { browserSessions: 0, cleanmailSessions: 0, cleanmailLinks: 0 },
    });
    expect(nb.text).toContain("Ingen var logget inn på nett med det gamle passordet.");
    const en = composeSecurityNotice("passwordChanged", "en", mailbox, at, "Altibox", {
      ended: { browserSessions: 1, cleanmailSessions: 3, cleanmailLinks: 0 },
    });
    expect(en.text).toContain("We ended 1 login on the web and 3 logins to Cleanmail.");
  });

  it("tells a customer, whose password works on the web only, that everyone was logged out", () => {
    const { text } = composeSecurityNotice("passwordChanged", "nb", { kind: "CUSTOMER", label: "10000001" }, at, "Altibox");
    expect(text).toContain("Alle som var logget inn med det gamle passordet, er logget ut.");
  });
});
