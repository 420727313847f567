// The mail platform's contract (R-PLAT-1): the schema `mail` that Dovecot and Postfix read
// (prisma/migrations/*_mail_contract, docs/mail-platform.md). The portal keeps the contract's own
// rows in step with its policy and configuration whenever a worker starts.
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db";
import { fill } from "@/lib/i18n/format";
import { messagesFor } from "@/lib/i18n/catalogues";
import { POLICY } from "@/lib/policy";

/** The version docs/mail-platform.md describes; mail.contract_version() must say the same. */
export const CONTRACT_VERSION = 3;

/**
 * What the schema `mail` looked like at this version (contractFingerprint): a migration that
 * changes a view, table or function of the contract must bump the version, update
 * docs/mail-platform.md and this, or lib/mail-platform/contract.test.ts fails.
 */
export const CONTRACT_FINGERPRINT = "00fd0e4077b4f199";

/** The consumers' roles, one each (R-PLAT-1). */
export const MAIL_ROLES = ["mail_auth", "mail_mta", "mail_policy", "mail_events"] as const;
export type MailRole = (typeof MAIL_ROLES)[number];

/**
 * Writes the domain mail is received for, the mailbox quota (R-ACC-6) and what a locked mailbox
 * is told at login, pointing to where it is restored (R-PLAT-2).
 */
export async function syncMailContract(db: Db, config: { domain: string; mailboxesUrl: string }) {
  const reason = (locale: string) =>
    fill(messagesFor(locale).mailPlatform.lockedReason, { months: POLICY.lifecycle.inactivityMonths, url: config.mailboxesUrl });
  await db.$transaction([
    db.$executeRaw`INSERT INTO mail.domains (domain) VALUES (${config.domain.toLowerCase()}) ON CONFLICT DO NOTHING`,
    db.$executeRaw`
      INSERT INTO mail.settings (quota_bytes, locked_reason_nb, locked_reason_en)
      VALUES (${POLICY.mailboxes.quotaBytes}, ${reason("nb")}, ${reason("en")})
      ON CONFLICT (singleton) DO UPDATE SET quota_bytes = EXCLUDED.quota_bytes,
        locked_reason_nb = EXCLUDED.locked_reason_nb, locked_reason_en = EXCLUDED.locked_reason_en`,
  ]);
}

/** The database's address as one of the roles sees it: the same server and database, its own login. */
export function mailRoleUrl(databaseUrl: string, role: MailRole, password: string): string {
  const url = new URL(databaseUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}

/**
 * Lets each role log in with its password (R-PLAT-1). Passwords are the operator's (or
 * generated into .data/ for the embedded default); only letters, digits, "-" and "_", so they
 * sit in the servers' connect strings unquoted.
 */
export function mailRolePasswordStatements(passwords: Record<MailRole, string>): string[] {
  return MAIL_ROLES.map((role) => {
    const password = passwords[role];
    if (!/^[A-Za-z0-9_-]{16,200}$/.test(password)) throw new Error(`The password of ${role} must be 16+ letters, digits, - or _.`);
    return `ALTER ROLE ${role} WITH LOGIN PASSWORD '${password}'`;
  });
}

/**
 * A digest of everything the servers see in the schema `mail`: each view's definition, each
 * table's columns, each function's definition, and who may do what with them.
 */
export async function contractFingerprint(db: Db): Promise<string> {
  const rows = await db.$queryRaw<{ item: string }[]>`
    SELECT 'view ' || c.relname || ': ' || pg_get_viewdef(c.oid) AS item
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'mail' AND c.relkind = 'v'
    UNION ALL
    SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'mail' AND c.relkind IN ('r', 'v') AND a.attnum > 0 AND NOT a.attisdropped
    UNION ALL
    SELECT 'function ' || pg_get_functiondef(p.oid)
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'mail'
    UNION ALL
    SELECT 'grant ' || table_name || ' ' || grantee || ' ' || privilege_type
      FROM information_schema.role_table_grants WHERE table_schema = 'mail' AND grantee LIKE 'mail\_%'
    UNION ALL
    SELECT 'execute ' || routine_name || ' ' || grantee
      FROM information_schema.role_routine_grants WHERE routine_schema = 'mail' AND grantee LIKE 'mail\_%'
    ORDER BY 1`;
  const digest = createHash("sha256");
  for (const row of rows) digest.update(`${row.item}\n`);
  return digest.digest("hex").slice(0, 16);
}
