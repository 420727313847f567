// App passwords (R-SEC-6): a mailbox user makes a password for one mail program, sees it once,
// sees when each was last used, and revokes any; with two-factor login on, the mailbox's own
// password can be kept for the web only. The mail servers read them through mail.passdb and hear
// of every change at once (R-PLAT-3).
import { randomInt } from "node:crypto";
import type { ServiceContext } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/service";
import type { Db, Tx } from "@/lib/db";
import { DomainError, fail, inTransaction } from "@/lib/errors/domain";
import { isUuid } from "@/lib/ids";
import { recordPlatformEvents } from "@/lib/mail-platform/events";
import { hashMailboxPassword } from "@/lib/passwords/hash";
import { fill } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/nb";
import type { LoginProtocol } from "@/lib/generated/prisma/enums";
import { POLICY } from "@/lib/policy";
import { queueSecurityNotice, twoFactorStatus, type TwoFactorConfig } from "@/lib/two-factor/service";

export type AppPasswordError = "notFound" | "name.empty" | "name.tooLong" | "limitReached" | "twoFactorOff";

/** Letters and digits that cannot be mistaken for one another (no l, 1, o, 0). */
const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** A new app password, grouped with hyphens as it is typed: "abcd-efgh-ijkm-npqr". */
export function generateAppPassword(): string {
  const { groups, groupLength } = POLICY.appPasswords;
  return Array.from({ length: groups }, () =>
    Array.from({ length: groupLength }, () => ALPHABET[randomInt(ALPHABET.length)]).join(""),
  ).join("-");
}

function mailboxOf(ctx: ServiceContext): string | null {
  return ctx.actor.kind === "MAILBOX" ? ctx.actor.mailboxId : null;
}

/** The mailbox row, locked: a mailbox's app passwords change one at a time (the limit holds). */
async function lockMailbox(tx: Tx, mailboxId: string) {
  const [m] = await tx.$queryRaw<{ id: string; address: string; status: string; locale: string }[]>`
    SELECT m.id, m.address, m.status::text AS status, c.locale FROM "Mailbox" m JOIN "Customer" c ON c.id = m."customerId"
    WHERE m.id = ${mailboxId}::uuid FOR UPDATE OF m`;
  if (!m || m.status === "DELETED") throw new DomainError("notFound");
  return m;
}

const account = (m: { id: string; address: string; locale: string }) => ({
  principal: { kind: "MAILBOX" as const, id: m.id },
  label: m.address,
  noticeTo: m.address,
  locale: m.locale,
});

export async function createAppPassword(ctx: ServiceContext, config: TwoFactorConfig, input: { name: string }) {
  const mailboxId = mailboxOf(ctx);
  if (!mailboxId) return fail<AppPasswordError>("notFound");
  const name = input.name.trim().replace(/\s+/g, " ");
  if (!name) return fail<AppPasswordError>("name.empty", "name");
  if ([...name].length > POLICY.appPasswords.nameMaxLength || /\p{Cc}/u.test(name)) return fail<AppPasswordError>("name.tooLong", "name");
  const password = generateAppPassword();
  const hash = await hashMailboxPassword(password);
  return inTransaction<{ id: string; name: string; password: string }, AppPasswordError>(ctx.db, async (tx) => {
    const mailbox = await lockMailbox(tx, mailboxId);
    const live = await tx.appPassword.count({ where: { mailboxId, revokedAt: null } });
    if (live >= POLICY.appPasswords.maxPerMailbox) throw new DomainError("limitReached");
    const now = ctx.clock.now();
    const created = await tx.appPassword.create({ data: { mailboxId, name, hash, createdAt: now }, select: { id: true } });
    await recordPlatformEvents(tx, [{ kind: "APP_PASSWORD_CREATED", mailboxId, address: mailbox.address }], now);
    await queueSecurityNotice(tx, account(mailbox), "appPasswordCreated", now, config.brand, { appPassword: name });
    await recordAudit(tx, ctx, {
      action: "mailbox.appPassword.create",
      subjectType: "MAILBOX",
      subjectId: mailboxId,
      after: { appPassword: created.id, name },
    });
    return { id: created.id, name, password };
  });
}

export async function revokeAppPassword(ctx: ServiceContext, config: TwoFactorConfig, input: { appPasswordId: string }) {
  const mailboxId = mailboxOf(ctx);
  if (!mailboxId || !isUuid(input.appPasswordId)) return fail<AppPasswordError>("notFound");
  return inTransaction<{ name: string }, AppPasswordError>(ctx.db, async (tx) => {
    const mailbox = await lockMailbox(tx, mailboxId);
    const now = ctx.clock.now();
    const target = await tx.appPassword.findFirst({
      where: { id: input.appPasswordId, mailboxId, revokedAt: null },
      select: { id: true, name: true },
    });
    if (!target) throw new DomainError("notFound");
    await tx.appPassword.update({ where: { id: target.id }, data: { revokedAt: now, hash: "" } });
    // The servers forget it and end the sessions that used it, at once (R-PLAT-3).
    await recordPlatformEvents(tx, [{ kind: "APP_PASSWORD_REVOKED", mailboxId, address: mailbox.address }], now);
    await queueSecurityNotice(tx, account(mailbox), "appPasswordRevoked", now, config.brand, { appPassword: target.name });
    await recordAudit(tx, ctx, {
      action: "mailbox.appPassword.revoke",
      subjectType: "MAILBOX",
      subjectId: mailboxId,
      after: { appPassword: target.id, name: target.name },
    });
    return { name: target.name };
  });
}

/** With two-factor login on, the mailbox's own password may be kept for the web (R-SEC-6). */
export async function setRequireAppPasswords(ctx: ServiceContext, input: { require: boolean }) {
  const mailboxId = mailboxOf(ctx);
  if (!mailboxId) return fail<AppPasswordError>("notFound");
  if (input.require && !(await twoFactorStatus(ctx.db, { kind: "MAILBOX", id: mailboxId })).on)
    return fail<AppPasswordError>("twoFactorOff");
  return inTransaction<{ require: boolean }, AppPasswordError>(ctx.db, async (tx) => {
    const mailbox = await lockMailbox(tx, mailboxId);
    const now = ctx.clock.now();
    await tx.mailbox.update({ where: { id: mailboxId }, data: { requireAppPasswords: input.require } });
    // Mail programs logged in with the mailbox's own password are logged out when it stops counting.
    await recordPlatformEvents(
      tx,
      [{ kind: "APP_PASSWORDS_REQUIRED", mailboxId, address: mailbox.address, reason: String(input.require) }],
      now,
    );
    await recordAudit(tx, ctx, {
      action: "mailbox.appPassword.require",
      subjectType: "MAILBOX",
      subjectId: mailboxId,
      after: { requireAppPasswords: input.require },
    });
    return { require: input.require };
  });
}

export type AppPasswordRow = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; lastProtocol: LoginProtocol | null };

/** The mailbox's live app passwords, newest first: names and use, never the passwords. */
export async function listAppPasswords(db: Db, mailboxId: string) {
  const [rows, mailbox] = await Promise.all([
    db.appPassword.findMany({
      where: { mailboxId, revokedAt: null },
      orderBy: { createdAt: "desc" },
      select: { id: true, name: true, createdAt: true, lastUsedAt: true, lastProtocol: true },
    }),
    db.mailbox.findUnique({ where: { id: mailboxId }, select: { requireAppPasswords: true } }),
  ]);
  return {
    passwords: rows satisfies AppPasswordRow[],
    required: mailbox?.requireAppPasswords ?? false,
    max: POLICY.appPasswords.maxPerMailbox,
  };
}

/** A refusal in the person's language (R-SEC-6). */
export function appPasswordMessage(m: Messages, code: AppPasswordError): string {
  if (code === "name.tooLong") return fill(m.appPasswords.errors["name.tooLong"], { max: POLICY.appPasswords.nameMaxLength });
  if (code === "limitReached") return fill(m.appPasswords.errors.limitReached, { max: POLICY.appPasswords.maxPerMailbox });
  return m.appPasswords.errors[code];
}
