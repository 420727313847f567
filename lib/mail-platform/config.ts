// The shipped configuration of Dovecot 2.3 and Postfix 3.7 (mail-platform/), rendered for one
// database and one set of hosts and ports. Pure apart from reading the templates: no process is
// started here (lib/mail-platform/servers.ts does that).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { CONTRACT_VERSION, type MailRole } from "@/lib/mail-platform/contract";

const TEMPLATES = path.resolve(import.meta.dirname, "../../mail-platform");

export type MailPorts = {
  imap: number;
  /** 0: no IMAP over TLS (without certificates). */
  imaps: number;
  pop3: number;
  pop3s: number;
  /** Dovecot's LMTP, where Postfix delivers. */
  lmtp: number;
  /** Dovecot's auth service, where Postfix checks SASL logins. */
  auth: number;
  /** Postfix's port 25 (mail from the Internet). */
  smtp: number;
  /** Postfix's submission (587 in production): login required. */
  submission: number;
  /** The sending-limits policy service (npm run policy-server). */
  policy: number;
  /** Dovecot's doveadm HTTP API, where the portal's event consumer acts (R-PLAT-3). */
  doveadm: number;
};

export type MailPlatformConfig = {
  /** Where the rendered files, the queue, the mail and the logs live. */
  dir: string;
  /** Names this instance in process titles and logs. */
  instance: string;
  domain: string;
  hostname: string;
  /** The address the public services listen on. */
  listen: string;
  ports: MailPorts;
  database: { host: string; port: number; name: string };
  passwords: Record<MailRole, string>;
  /** The key the event consumer sends to Dovecot's doveadm HTTP API (letters, digits, - and _). */
  doveadmApiKey: string;
  /** System users: Dovecot's own processes, its login processes, and the one that owns the mail. */
  users: { internal: string; internalGroup: string; login: string; mail: { name: string; group: string; uid: number; gid: number } };
  /** PEM files; null only for loopback testing (plain-text logins allowed). */
  tls: { cert: string; key: string } | null;
  /** Where mail to other domains goes ("[host]:port"); null: straight to the recipient's MX. */
  relayhost: string | null;
  maxMessageBytes: number;
  authCache: { size: string; ttl: string };
  /** Slowing down failed logins: on in production; the tests fail logins on purpose, many times. */
  authFailures: { delay: string; penalty: boolean };
};

/** The files to write, by name: every template of mail-platform/, filled. */
export function renderMailPlatform(config: MailPlatformConfig): Map<string, string> {
  const values = templateValues(config);
  const files = new Map<string, string>();
  for (const server of ["dovecot", "postfix"]) {
    for (const name of readdirSync(path.join(TEMPLATES, server))) {
      files.set(name, fillTemplate(readFileSync(path.join(TEMPLATES, server, name), "utf8"), values, `${server}/${name}`));
    }
  }
  return files;
}

/** Every {{name}} replaced; a name the template uses and the values lack is an error, not a blank. */
export function fillTemplate(template: string, values: Record<string, string | number>, name = "template"): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${name}: no value for {{${key}}}`);
    return String(value);
  });
}

function templateValues(c: MailPlatformConfig): Record<string, string | number> {
  const db = c.database;
  const connect = (role: MailRole) => `host=${db.host} port=${db.port} dbname=${db.name} user=${role} password=${c.passwords[role]}`;
  const tls = c.tls;
  return {
    dir: c.dir,
    instance: c.instance,
    contractVersion: CONTRACT_VERSION,
    domain: c.domain,
    hostname: c.hostname,
    listen: c.listen,
    mailRoot: path.join(c.dir, "mail"),
    internalUser: c.users.internal,
    internalGroup: c.users.internalGroup,
    loginUser: c.users.login,
    mailUser: c.users.mail.name,
    mailGroup: c.users.mail.group,
    mailUid: c.users.mail.uid,
    mailGid: c.users.mail.gid,
    imapPort: c.ports.imap,
    imapsPort: c.ports.imaps,
    pop3Port: c.ports.pop3,
    pop3sPort: c.ports.pop3s,
    // LMTP and auth serve Postfix only: never beyond this host.
    lmtpListen: "127.0.0.1",
    lmtpHost: "127.0.0.1",
    lmtpPort: c.ports.lmtp,
    authListen: "127.0.0.1",
    // The event consumer may run on another machine: the public address, protected by the key.
    doveadmListen: c.listen,
    doveadmPort: c.ports.doveadm,
    doveadmApiKey: c.doveadmApiKey,
    authHost: "127.0.0.1",
    authPort: c.ports.auth,
    smtpPort: c.ports.smtp,
    submissionPort: c.ports.submission,
    policyHost: "127.0.0.1",
    policyPort: c.ports.policy,
    authConnect: connect("mail_auth"),
    eventsConnect: connect("mail_events"),
    dbHost: db.host,
    dbPort: db.port,
    dbName: db.name,
    mtaPassword: c.passwords.mail_mta,
    maxMessageBytes: c.maxMessageBytes,
    authCacheSize: c.authCache.size,
    authCacheTtl: c.authCache.ttl,
    authFailureDelay: c.authFailures.delay,
    authPenaltyMode: c.authFailures.penalty ? "0600" : "0",
    tlsNote: tls ? "required for logins; certificates below" : "off: for loopback testing only (plain-text logins allowed)",
    ssl: tls ? "required" : "no",
    sslCertLine: tls ? `ssl_cert = <${tls.cert}` : "# ssl_cert: none",
    sslKeyLine: tls ? `ssl_key = <${tls.key}` : "# ssl_key: none",
    disablePlaintextAuth: tls ? "yes" : "no",
    smtpdTlsLevel: tls ? "may" : "none",
    smtpdTlsCertLine: tls ? `smtpd_tls_chain_files = ${tls.key}, ${tls.cert}` : "# smtpd_tls_chain_files: none",
    submissionTlsLevel: tls ? "encrypt" : "none",
    submissionTlsAuthOnly: tls ? "yes" : "no",
    relayhostLine: c.relayhost ? `relayhost = ${c.relayhost}` : "# relayhost unset: mail to other domains goes to the recipient's MX",
    dnsLine: c.relayhost ? "smtp_dns_support_level = disabled" : "",
  };
}
