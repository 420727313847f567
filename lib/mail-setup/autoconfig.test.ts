// Automatic configuration (issue 8, R-SET-1): every server, port, socket type and user name in the
// three formats, parsed as XML and checked against the configuration and the formats' specs.
import { describe, expect, it } from "vitest";
import { XMLParser } from "fast-xml-parser";
import {
  addressOfDomain,
  appleMobileconfig,
  autodiscoverError,
  autodiscoverRequestAddress,
  autodiscoverResponse,
  thunderbirdConfig,
  type MailServers,
} from "@/lib/mail-setup/autoconfig";

const servers: MailServers = {
  domain: "altibox.no",
  brand: "Altibox",
  imapHost: "imap.altibox.no",
  imapPort: 993,
  popHost: "pop.altibox.no",
  popPort: 995,
  smtpHost: "smtp.altibox.no",
  smtpPort: 465,
  helpUrl: "https://example.test/om-tjenesten",
};
const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseTagValue: false }).parse(xml);

describe("Thunderbird autoconfig (config-v1.1.xml)", () => {
  it("lists IMAP 993, POP 995 and SMTP 465 over SSL with the address as user name", () => {
    const doc = parse(thunderbirdConfig(servers));
    expect(doc.clientConfig["@version"]).toBe("1.1");
    const p = doc.clientConfig.emailProvider;
    expect(p["@id"]).toBe("altibox.no");
    expect(p.domain).toBe("altibox.no");
    const [imap, pop] = p.incomingServer;
    expect(imap).toMatchObject({
      "@type": "imap",
      hostname: "imap.altibox.no",
      port: "993",
      socketType: "SSL",
      username: "%EMAILADDRESS%",
      authentication: "password-cleartext",
    });
    expect(pop).toMatchObject({ "@type": "pop3", hostname: "pop.altibox.no", port: "995", socketType: "SSL", username: "%EMAILADDRESS%" });
    expect(p.outgoingServer).toMatchObject({
      "@type": "smtp",
      hostname: "smtp.altibox.no",
      port: "465",
      socketType: "SSL",
      username: "%EMAILADDRESS%",
      authentication: "password-cleartext",
    });
  });
});

describe("Microsoft Autodiscover (POX)", () => {
  it("answers IMAP and SMTP for an address of the domain, escaped, and an error for others", () => {
    const request = `<?xml version="1.0"?><Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"><Request><EMailAddress>Kari@Altibox.no</EMailAddress><AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request></Autodiscover>`;
    const address = addressOfDomain(autodiscoverRequestAddress(request)!, "altibox.no")!;
    expect(address).toBe("kari@altibox.no");
    const doc = parse(autodiscoverResponse(servers, address));
    expect(doc.Autodiscover["@xmlns"]).toBe("http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006");
    const account = doc.Autodiscover.Response.Account;
    expect(doc.Autodiscover.Response["@xmlns"]).toBe("http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a");
    expect(account).toMatchObject({ AccountType: "email", Action: "settings" });
    const [imap, smtp] = account.Protocol;
    expect(imap).toMatchObject({
      Type: "IMAP",
      Server: "imap.altibox.no",
      Port: "993",
      SSL: "on",
      SPA: "off",
      LoginName: "kari@altibox.no",
      AuthRequired: "on",
    });
    expect(smtp).toMatchObject({
      Type: "SMTP",
      Server: "smtp.altibox.no",
      Port: "465",
      SSL: "on",
      LoginName: "kari@altibox.no",
      UsePOPAuth: "off",
    });
    expect(addressOfDomain("kari@gmail.com", "altibox.no")).toBeNull();
    expect(addressOfDomain("<script>@altibox.no", "altibox.no")).toBeNull();
    expect(parse(autodiscoverError()).Autodiscover.Response.Error.ErrorCode).toBe("600");
  });
});

describe("Apple configuration profile", () => {
  it("is a plist with one com.apple.mail.managed payload: IMAP and SMTP over SSL, the address as user, no password", () => {
    const xml = appleMobileconfig(servers, { address: "kari@altibox.no", displayName: "Kari & co <3" });
    expect(xml).toContain('<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN"');
    const plist = parse(xml).plist;
    const asObject = (raw: string) => {
      // Read the dict's keys and values in document order from the text itself.
      const pairs = [...raw.matchAll(/<key>([^<]+)<\/key>\s*<(string|integer|true|false)\s*\/?>(?:([^<]*)<\/\2>)?/g)];
      return Object.fromEntries(
        pairs.map(([, k, type, v]) => [k, type === "integer" ? Number(v) : type === "true" ? true : type === "false" ? false : v]),
      );
    };
    expect(plist["@version"]).toBe("1.0");
    const payload = asObject(xml.slice(xml.indexOf("<array>"), xml.indexOf("</array>")));
    expect(payload).toMatchObject({
      PayloadType: "com.apple.mail.managed",
      EmailAccountType: "EmailTypeIMAP",
      EmailAddress: "kari@altibox.no",
      EmailAccountName: "Kari &amp; co &lt;3",
      IncomingMailServerHostName: "imap.altibox.no",
      IncomingMailServerPortNumber: 993,
      IncomingMailServerUseSSL: true,
      IncomingMailServerUsername: "kari@altibox.no",
      OutgoingMailServerHostName: "smtp.altibox.no",
      OutgoingMailServerPortNumber: 465,
      OutgoingMailServerUseSSL: true,
      OutgoingMailServerUsername: "kari@altibox.no",
      PayloadVersion: 1,
    });
    expect(payload.PayloadUUID).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-A[0-9A-F]{3}-[0-9A-F]{12}$/);
    // Reverse-DNS identifiers of the mail domain (altibox.no → no.altibox), not its letters run together.
    expect(payload.PayloadIdentifier).toMatch(/^no\.altibox\.mail\.[0-9a-f]{8}\.account$/);
    expect(xml).not.toMatch(/Password<\/key>\s*<string>/);
    // The outer profile.
    expect(xml).toMatch(/<key>PayloadType<\/key>\s*<string>Configuration<\/string>/);
    expect(appleMobileconfig(servers, { address: "kari@altibox.no", displayName: "x" })).toContain(String(payload.PayloadUUID));
  });
});
