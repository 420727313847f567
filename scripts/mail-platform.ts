// `npm run mail-platform`: Debian's Dovecot and Postfix on the portal's database (issue 16), on
// unprivileged loopback ports, so Thunderbird on this machine can read the mail of a mailbox just
// created on Mine sider. Reads the contract (docs/mail-platform.md) through its roles, whose
// passwords it sets (kept in .data/secrets.json); starts the sending-limits policy service and the
// consumer of the portal's mail-platform events too.
// Run it as root (Postfix starts as root and drops to its own user), beside `npm start`.
//   --render DIR   only write the rendered configuration into DIR (for servers run by systemd).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createPrismaClient } from "@/lib/db";
import { renderMailPlatform, type MailPlatformConfig, type MailPorts } from "@/lib/mail-platform/config";
import { MAIL_ROLES, mailRolePasswordStatements, mailRoleUrl, syncMailContract, type MailRole } from "@/lib/mail-platform/contract";
import { startMailServers, systemUsers } from "@/lib/mail-platform/servers";
import { POLICY } from "@/lib/policy";
import { startPolicyServer } from "@/lib/sending/server";
import { createPolicyPool } from "@/lib/sending/service";
import { startPlatformEventConsumer } from "@/lib/mail-platform/events";
import { freshSecret, keptSecrets } from "./secrets.ts";

const databaseUrl = process.env.DATABASE_URL ?? `postgresql://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_DB_PORT ?? 25432}/portal`;
const domain = process.env.MAIL_DOMAIN ?? POLICY.mail.defaultDomain;
const portalUrl = process.env.PORTAL_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
const port = (name: string, fallback: number) => Number(process.env[`MAIL_${name}_PORT`] ?? fallback);
const ports: MailPorts = {
  imap: port("IMAP", 1143),
  imaps: 0,
  pop3: port("POP3", 1110),
  pop3s: 0,
  lmtp: port("LMTP", 10024),
  auth: port("AUTH", 10025),
  smtp: port("SMTP", 1025),
  submission: port("SUBMISSION", 1587),
  policy: port("POLICY", 10040),
  doveadm: port("DOVEADM", 10026),
};

/**
 * The roles' passwords and the doveadm API key: the operator's (MAIL_ROLE_PASSWORDS as JSON,
 * DOVEADM_API_KEY), or generated once into .data/secrets.json.
 */
function mailSecrets(): { passwords: Record<MailRole, string>; doveadmApiKey: string } {
  const keyOf = (role: MailRole) => `PASSWORD_${role.toUpperCase()}`;
  const kept: Record<string, string> = keptSecrets({
    DOVEADM_API_KEY: freshSecret(24),
    ...Object.fromEntries(MAIL_ROLES.map((role) => [keyOf(role), freshSecret(24)])),
  });
  const passwords = process.env.MAIL_ROLE_PASSWORDS
    ? (JSON.parse(process.env.MAIL_ROLE_PASSWORDS) as Record<MailRole, string>)
    : (Object.fromEntries(MAIL_ROLES.map((role) => [role, kept[keyOf(role)]])) as Record<MailRole, string>);
  return { passwords, doveadmApiKey: process.env.DOVEADM_API_KEY ?? kept.DOVEADM_API_KEY! };
}

async function main() {
  const { passwords, doveadmApiKey } = mailSecrets();
  const database = new URL(databaseUrl);
  const config: MailPlatformConfig = {
    dir: process.env.MAIL_PLATFORM_DIR ?? "/var/lib/mine-sider-epost",
    instance: "demo",
    domain,
    hostname: process.env.MAIL_HOSTNAME ?? `mx.${domain}`,
    listen: "127.0.0.1",
    ports,
    database: { host: database.hostname, port: Number(database.port || 5432), name: database.pathname.slice(1) },
    passwords,
    doveadmApiKey,
    users: systemUsers(),
    tls: null,
    // Mail to other domains goes to the portal's SMTP sink (npm start), where /utvikler/e-post shows it.
    relayhost: process.env.MAIL_RELAYHOST ?? `[127.0.0.1]:${process.env.SMTP_SINK_PORT ?? 2525}`,
    maxMessageBytes: POLICY.mailboxes.maxMessageBytes,
    // The cache production runs: safe because this script's event consumer flushes a mailbox's
    // entry on every change the portal makes (R-PLAT-3, docs/mail-platform.md).
    authCache: { size: "10M", ttl: "1 hour" },
    authFailures: { delay: "2 secs", penalty: true },
  };

  const renderTo = process.argv.indexOf("--render");
  if (renderTo >= 0) {
    const dir = path.resolve(process.argv[renderTo + 1] ?? "mail-platform-rendered");
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of renderMailPlatform({ ...config, dir })) writeFileSync(path.join(dir, name), text, { mode: 0o640 });
    console.log(`Skrev konfigurasjonen til ${dir} (se docs/mail-platform.md).`);
    return;
  }

  // The roles may log in, with these passwords; the contract's own rows are up to date.
  const admin = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch {
    throw new Error(`Fikk ikke kontakt med databasen på ${database.host}. Start portalen først (npm start), eller sett DATABASE_URL.`);
  }
  for (const statement of mailRolePasswordStatements(passwords)) await admin.query(statement);
  await admin.end();
  const db = createPrismaClient(databaseUrl);
  await syncMailContract(db, { domain, mailboxesUrl: `${portalUrl}/mine-sider/internett/e-postkontoer` });
  await db.$disconnect();

  // The policy service as production runs it: its own role, which reaches the contract only.
  const policyDb = createPolicyPool(mailRoleUrl(databaseUrl, "mail_policy", passwords.mail_policy), 2);
  const policy = await startPolicyServer(policyDb, { port: ports.policy, host: "127.0.0.1" });
  const servers = await startMailServers(config);
  // R-PLAT-3: what the portal changes (passwords, locks, deletions) reaches this Dovecot at once.
  // In production the worker runs the consumer for every backend (DOVECOT_BACKENDS).
  const eventsDb = createPrismaClient(databaseUrl);
  const consumer = startPlatformEventConsumer(
    eventsDb,
    [{ name: "demo", url: `http://127.0.0.1:${ports.doveadm}`, apiKey: doveadmApiKey }],
    `mail-platform-${process.pid}`,
    (line) => console.log(line),
  );

  console.log(`
✓ Dovecot og Postfix kjører på portalens database (${domain}); logger i ${config.dir}.

  I Thunderbird (eller et annet e-postprogram), for en e-postkonto du har opprettet på Mine sider:
    Innkommende  IMAP  127.0.0.1:${ports.imap}   (eller POP 127.0.0.1:${ports.pop3})   uten kryptering, vanlig passord
    Utgående     SMTP  127.0.0.1:${ports.submission}   uten kryptering, vanlig passord
  E-post utenfra tas imot på 127.0.0.1:${ports.smtp}; e-post til andre domener går til ${config.relayhost}.
  Stopp med Ctrl+C.
`);
  const stop = async () => {
    await consumer.stop();
    await eventsDb.$disconnect();
    await servers.stop();
    await policy.close();
    await policyDb.end();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
