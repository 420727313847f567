// Automatic configuration of mail clients from the address alone (issue 8, R-SET-1): Thunderbird's
// autoconfig (IETF draft-ietf-mailmaint-autoconfig, config-v1.1.xml), Microsoft Autodiscover (POX)
// and an Apple configuration profile. Pure: the routes hand in the servers from configuration.
// The answers never depend on whether an address exists, so they reveal nothing about mailboxes.
import { createHash } from "node:crypto";
import { z } from "zod";

export type MailServers = {
  domain: string;
  brand: string;
  imapHost: string;
  imapPort: number;
  popHost: string;
  popPort: number;
  smtpHost: string;
  smtpPort: number;
  helpUrl: string;
};

export function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);
}

/** An address of our domain, lower case, or null (Autodiscover answers only for ours). */
export function addressOfDomain(input: string, domain: string): string | null {
  const parsed = z.email().max(254).safeParse(input.trim().toLowerCase());
  return parsed.success && parsed.data.endsWith(`@${domain}`) ? parsed.data : null;
}

/** Thunderbird: the same document for every address; the client fills in %EMAILADDRESS%. */
export function thunderbirdConfig(s: MailServers): string {
  const server = (tag: "incomingServer" | "outgoingServer", type: string, host: string, port: number) =>
    `    <${tag} type="${type}">
      <hostname>${escapeXml(host)}</hostname>
      <port>${port}</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </${tag}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="${escapeXml(s.domain)}">
    <domain>${escapeXml(s.domain)}</domain>
    <displayName>${escapeXml(s.brand)} e-post</displayName>
    <displayShortName>${escapeXml(s.brand)}</displayShortName>
${server("incomingServer", "imap", s.imapHost, s.imapPort)}
${server("incomingServer", "pop3", s.popHost, s.popPort)}
${server("outgoingServer", "smtp", s.smtpHost, s.smtpPort)}
    <documentation url="${escapeXml(s.helpUrl)}">
      <descr lang="nb">Oppsett av e-postprogram</descr>
      <descr lang="en">Setting up an e-mail program</descr>
    </documentation>
  </emailProvider>
</clientConfig>
`;
}

/** The address in an Autodiscover request body (POX), if any. */
export function autodiscoverRequestAddress(body: string): string | null {
  const match = /<EMailAddress>\s*([^<\s]{1,254})\s*<\/EMailAddress>/i.exec(body);
  return match?.[1] ?? null;
}

/** Microsoft Autodiscover (POX), for Outlook's IMAP/SMTP set-up. */
export function autodiscoverResponse(s: MailServers, address: string): string {
  const protocol = (type: "IMAP" | "SMTP", host: string, port: number) => `      <Protocol>
        <Type>${type}</Type>
        <Server>${escapeXml(host)}</Server>
        <Port>${port}</Port>
        <DomainRequired>off</DomainRequired>
        <LoginName>${escapeXml(address)}</LoginName>
        <SPA>off</SPA>
        <SSL>on</SSL>
        <AuthRequired>on</AuthRequired>${type === "SMTP" ? "\n        <UsePOPAuth>off</UsePOPAuth>\n        <SMTPLast>off</SMTPLast>" : ""}
      </Protocol>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
  <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">
    <Account>
      <AccountType>email</AccountType>
      <Action>settings</Action>
${protocol("IMAP", s.imapHost, s.imapPort)}
${protocol("SMTP", s.smtpHost, s.smtpPort)}
    </Account>
  </Response>
</Autodiscover>
`;
}

/** Autodiscover's answer for an address that is not ours. */
export function autodiscoverError(): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
  <Response>
    <Error Time="00:00:00" Id="1">
      <ErrorCode>600</ErrorCode>
      <Message>Invalid Request</Message>
      <DebugData />
    </Error>
  </Response>
</Autodiscover>
`;
}

/** A stable UUID from a name, so a profile installed twice replaces itself instead of doubling. */
function uuidFrom(name: string): string {
  const h = createHash("sha256").update(name).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`.toUpperCase();
}

/**
 * Apple's configuration profile (.mobileconfig) for one mailbox: IMAP and SMTP over SSL, the
 * address as user name, no password (the device asks for it when the profile is installed).
 */
export function appleMobileconfig(s: MailServers, mailbox: { address: string; displayName: string }): string {
  // Reverse-DNS, as Apple asks: altibox.no → no.altibox.mail.<mailbox>.
  const reversed = s.domain
    .toLowerCase()
    .split(".")
    .filter(Boolean)
    .reverse()
    .join(".")
    .replace(/[^a-z0-9.-]/g, "");
  const id = `${reversed}.mail.${uuidFrom(mailbox.address).slice(0, 8).toLowerCase()}`;
  const str = (key: string, value: string) => `\t\t\t<key>${key}</key>\n\t\t\t<string>${escapeXml(value)}</string>`;
  const int = (key: string, value: number) => `\t\t\t<key>${key}</key>\n\t\t\t<integer>${value}</integer>`;
  const bool = (key: string, value: boolean) => `\t\t\t<key>${key}</key>\n\t\t\t<${value}/>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
\t<key>PayloadContent</key>
\t<array>
\t\t<dict>
${str("EmailAccountDescription", `${s.brand} e-post`)}
${str("EmailAccountName", mailbox.displayName)}
${str("EmailAccountType", "EmailTypeIMAP")}
${str("EmailAddress", mailbox.address)}
${str("IncomingMailServerAuthentication", "EmailAuthPassword")}
${str("IncomingMailServerHostName", s.imapHost)}
${int("IncomingMailServerPortNumber", s.imapPort)}
${bool("IncomingMailServerUseSSL", true)}
${str("IncomingMailServerUsername", mailbox.address)}
${str("OutgoingMailServerAuthentication", "EmailAuthPassword")}
${str("OutgoingMailServerHostName", s.smtpHost)}
${int("OutgoingMailServerPortNumber", s.smtpPort)}
${bool("OutgoingMailServerUseSSL", true)}
${str("OutgoingMailServerUsername", mailbox.address)}
${bool("OutgoingPasswordSameAsIncomingPassword", true)}
${str("PayloadDescription", `E-post for ${mailbox.address}`)}
${str("PayloadDisplayName", mailbox.address)}
${str("PayloadIdentifier", `${id}.account`)}
${str("PayloadType", "com.apple.mail.managed")}
${str("PayloadUUID", uuidFrom(`${mailbox.address}#account`))}
${int("PayloadVersion", 1)}
\t\t</dict>
\t</array>
\t<key>PayloadDisplayName</key>
\t<string>${escapeXml(`${s.brand} e-post: ${mailbox.address}`)}</string>
\t<key>PayloadIdentifier</key>
\t<string>${escapeXml(id)}</string>
\t<key>PayloadRemovalDisallowed</key>
\t<false/>
\t<key>PayloadType</key>
\t<string>Configuration</string>
\t<key>PayloadUUID</key>
\t<string>${uuidFrom(mailbox.address)}</string>
\t<key>PayloadVersion</key>
\t<integer>1</integer>
</dict>
</plist>
`;
}

/** The profile as a download: the mailbox user's own (settings area) or the owner's (Mine sider). */
export function mobileconfigDownload(s: MailServers, mailbox: { address: string; displayName: string }): Response {
  return new Response(appleMobileconfig(s, mailbox), {
    headers: {
      "Content-Type": "application/x-apple-aspen-config; charset=utf-8",
      "Content-Disposition": `attachment; filename="${mailbox.address.replace(/[^a-z0-9.@-]/gi, "_")}.mobileconfig"`,
      "Cache-Control": "no-store",
    },
  });
}
