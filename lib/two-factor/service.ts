// Two-factor login (R-SEC-1) for every kind of account: mailboxes, customers and agents.
// Enrolment turns 2FA on only once a code from the app matches; 10 single-use recovery codes;
// the code step at login refuses replays; turning it off or making new recovery codes needs the
// password and a current code (OWASP ASVS 5.0 V6.5); secrets are sealed at rest. Every change is
// audited and the account gets a security notice by e-mail.
import { queueMail } from "@/lib/outbox";
import { principalActor } from "@/lib/actor";
import { fixedClock } from "@/lib/clock";
import type { Actor, ServiceContext } from "@/lib/actor";
import type { Db, Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/service";
import { refundAttempt, reserveAttempt, throttleKeys } from "@/lib/throttle/throttle";
import { open, seal } from "@/lib/crypto/secret-box";
import { fail, ok } from "@/lib/errors/domain";
import { recordPlatformEvents } from "@/lib/mail-platform/events";
import { composeSecurityNotice, type NoticeDetails, type SecurityEvent } from "@/lib/notices/security";
import { verifyPassword } from "@/lib/passwords/hash";
import { hashRecoveryCodes, matchRecoveryCode, newRecoveryCodes } from "@/lib/two-factor/recovery-codes";
import { checkTotpCode, newTotpSecret, otpauthUri } from "@/lib/two-factor/totp";

export type PrincipalKind = "MAILBOX" | "CUSTOMER" | "AGENT";
export type Principal = { kind: PrincipalKind; id: string };

/** The sealing key (TOTP_ENCRYPTION_KEY) and the brand that names the service in apps and e-mail. */
export type TwoFactorConfig = { key: Buffer; brand: string };

export type CodeError = "code.required" | "code.malformed" | "code.wrong" | "code.replayed";
export type IdentityError = "throttled" | "currentPassword.wrong" | CodeError;
export type TwoFactorError = "notFound" | "alreadyOn" | "notOn" | "noEnrolment" | "mandatory" | IdentityError;

/** The account an actor signs in as; a system actor has none. */
export function principalOf(actor: Actor): Principal | null {
  if (actor.kind === "MAILBOX") return { kind: "MAILBOX", id: actor.mailboxId };
  if (actor.kind === "CUSTOMER") return { kind: "CUSTOMER", id: actor.customerId };
  if (actor.kind === "AGENT") return { kind: "AGENT", id: actor.agentId };
  return null;
}

const sealedFor = (p: Principal, pending = false) => `${p.kind.toLowerCase()}:${p.id}${pending ? ":pending" : ""}`;
const throttleKind = (p: Principal) => p.kind.toLowerCase();
const where = (p: Principal) => ({ kind_principalId: { kind: p.kind, principalId: p.id } });

/** What the service needs to know about an account: its name, where notices go, its password. */
type Account = { principal: Principal; label: string; noticeTo: string; locale: string; passwordHash: string | null; active: boolean };

async function loadAccount(db: Db | Tx, p: Principal): Promise<Account | null> {
  if (p.kind === "MAILBOX") {
    const m = await db.mailbox.findUnique({
      where: { id: p.id },
      omit: { passwordHash: false },
      include: { customer: { select: { locale: true } } },
    });
    return (
      m && {
        principal: p,
        label: m.address,
        noticeTo: m.address,
        locale: m.customer.locale,
        passwordHash: m.passwordHash,
        active: m.status === "ACTIVE",
      }
    );
  }
  if (p.kind === "CUSTOMER") {
    const c = await db.customer.findUnique({ where: { id: p.id }, omit: { passwordHash: false } });
    return c && { principal: p, label: c.email, noticeTo: c.email, locale: c.locale, passwordHash: c.passwordHash, active: true };
  }
  const a = await db.agent.findUnique({ where: { id: p.id }, omit: { passwordHash: false } });
  return a && { principal: p, label: a.email, noticeTo: a.email, locale: "nb", passwordHash: a.passwordHash, active: true };
}

/** How authenticator apps list the account: the brand, and which of its logins this is. */
function issuerFor(kind: PrincipalKind, brand: string): string {
  return kind === "MAILBOX" ? `${brand} e-post` : kind === "CUSTOMER" ? `${brand} Mine sider` : `${brand} kundeservice`;
}

/** Writes a security notice to the outbox, in the transaction that made the change. */
export async function queueSecurityNotice(
  tx: Tx,
  account: Pick<Account, "principal" | "label" | "noticeTo" | "locale">,
  event: SecurityEvent,
  now: Date,
  brand: string,
  details?: NoticeDetails,
) {
  const mail = composeSecurityNotice(event, account.locale, { kind: account.principal.kind, label: account.label }, now, brand, details);
  await queueMail(tx, account.noticeTo, mail, now);
  // Every switch of a mailbox's two-factor login passes here (it is always told): the mail
  // servers hear of it too (R-PLAT-3), as what a login needs may have changed.
  if (account.principal.kind === "MAILBOX" && TWO_FACTOR_SWITCHES.has(event)) {
    await recordPlatformEvents(
      tx,
      [{ kind: "TWO_FACTOR_CHANGED", mailboxId: account.principal.id, address: account.label, reason: event }],
      now,
    );
  }
}

const TWO_FACTOR_SWITCHES = new Set<SecurityEvent>(["twoFactorOn", "twoFactorOff", "twoFactorOffByOwner", "twoFactorOffByAgent"]);

export async function twoFactorStatus(db: Db | Tx, p: Principal) {
  const row = await db.twoFactor.findUnique({ where: where(p) });
  const codesLeft = row?.enabledAt ? await db.recoveryCode.count({ where: { kind: p.kind, principalId: p.id, usedAt: null } }) : 0;
  return { on: !!row?.enabledAt, enabledAt: row?.enabledAt ?? null, recoveryCodesLeft: codesLeft };
}

/** Starts (or resumes) enrolment: a pending secret that changes nothing until confirmed. */
export async function beginEnrolment(ctx: ServiceContext, config: TwoFactorConfig) {
  const p = principalOf(ctx.actor);
  const account = p && (await loadAccount(ctx.db, p));
  if (!p || !account?.active) return fail<TwoFactorError>("notFound");
  const row = await ctx.db.twoFactor.findUnique({ where: where(p), omit: { pendingSecret: false } });
  if (row?.enabledAt) return fail<TwoFactorError>("alreadyOn");
  let secret = row?.pendingSecret ? open(config.key, row.pendingSecret, sealedFor(p, true)) : null;
  if (!secret) {
    secret = newTotpSecret();
    const pendingSecret = seal(config.key, secret, sealedFor(p, true));
    await ctx.db.twoFactor.upsert({
      where: where(p),
      create: { kind: p.kind, principalId: p.id, pendingSecret },
      update: { pendingSecret },
    });
  }
  return ok({ secret, uri: otpauthUri(issuerFor(p.kind, config.brand), account.label, secret) });
}

async function replaceRecoveryCodes(tx: Tx, p: Principal, now: Date) {
  const codes = newRecoveryCodes();
  const hashes = await hashRecoveryCodes(codes);
  await tx.recoveryCode.deleteMany({ where: { kind: p.kind, principalId: p.id } });
  await tx.recoveryCode.createMany({ data: hashes.map((hash) => ({ kind: p.kind, principalId: p.id, hash, createdAt: now })) });
  return codes;
}

/** Turns 2FA on when the code matches the pending secret; returns the recovery codes, once. */
export async function confirmEnrolment(ctx: ServiceContext, config: TwoFactorConfig, code: string) {
  const p = principalOf(ctx.actor);
  const account = p && (await loadAccount(ctx.db, p));
  if (!p || !account?.active) return fail<TwoFactorError>("notFound");
  const row = await ctx.db.twoFactor.findUnique({ where: where(p), omit: { pendingSecret: false } });
  if (row?.enabledAt) return fail<TwoFactorError>("alreadyOn");
  if (!row?.pendingSecret) return fail<TwoFactorError>("noEnrolment");
  const now = ctx.clock.now();
  const secret = open(config.key, row.pendingSecret, sealedFor(p, true));
  const check = await checkTotpCode(secret, code, now, null);
  if (!check.ok) return fail<TwoFactorError>(`code.${check.reason}`, "code");

  const codes = await ctx.db.$transaction(async (tx) => {
    // Only the enrolment that was checked turns on: a second tab that confirmed first wins.
    const { count } = await tx.twoFactor.updateMany({
      where: { kind: p.kind, principalId: p.id, enabledAt: null, pendingSecret: row.pendingSecret },
      data: { secret: seal(config.key, secret, sealedFor(p)), enabledAt: now, lastStep: check.timeStep, pendingSecret: null },
    });
    if (count !== 1) return null;
    const codes = await replaceRecoveryCodes(tx, p, now);
    await queueSecurityNotice(tx, account, "twoFactorOn", now, config.brand);
    await recordAudit(tx, ctx, {
      action: `${p.kind.toLowerCase()}.twoFactor.on`,
      subjectType: p.kind,
      subjectId: p.id,
      before: { twoFactor: false },
      after: { twoFactor: true, recoveryCodes: codes.length },
    });
    return codes;
  });
  return codes ? ok({ recoveryCodes: codes }) : fail<TwoFactorError>("alreadyOn");
}

/**
 * The second step of a login, or of a sensitive change: a current TOTP code (each time step once:
 * the step is claimed atomically, so two requests with the same code cannot both pass) or an
 * unused recovery code. Throttling is the caller's: it knows the login's keys.
 */
export async function verifySecondFactor(db: Db, config: TwoFactorConfig, p: Principal, input: string, now: Date, requestId = "login") {
  const row = await db.twoFactor.findUnique({ where: where(p), omit: { secret: false } });
  if (!row?.enabledAt || !row.secret) return fail<TwoFactorError>("notOn");
  const secret = open(config.key, row.secret, sealedFor(p));
  const check = await checkTotpCode(secret, input, now, row.lastStep);
  if (check.ok) {
    const claimed = await db.$executeRaw`
      UPDATE "TwoFactor" SET "lastStep" = ${check.timeStep}, "updatedAt" = ${now}::timestamp
      WHERE kind = ${p.kind}::"PrincipalKind" AND "principalId" = ${p.id}::uuid AND ("lastStep" IS NULL OR "lastStep" < ${check.timeStep})`;
    return claimed === 1 ? ok({ via: "totp" as const }) : fail<TwoFactorError>("code.replayed", "code");
  }
  if (check.reason !== "malformed") return fail<TwoFactorError>(`code.${check.reason}`, "code");

  // Not six digits: perhaps a recovery code.
  const unused = await db.recoveryCode.findMany({ where: { kind: p.kind, principalId: p.id, usedAt: null }, omit: { hash: false } });
  const matched =
    unused[
      await matchRecoveryCode(
        input,
        unused.map((c) => c.hash),
      )
    ];
  if (!matched) return fail<TwoFactorError>("code.malformed", "code");
  const account = await loadAccount(db, p);
  const used = await db.$transaction(async (tx) => {
    const { count } = await tx.recoveryCode.updateMany({ where: { id: matched.id, usedAt: null }, data: { usedAt: now } });
    if (count !== 1) return false;
    if (account) await queueSecurityNotice(tx, account, "recoveryCodeUsed", now, config.brand);
    await recordAudit(
      tx,
      { clock: fixedClock(now), actor: principalActor(p.kind, p.id), requestId },
      { action: `${p.kind.toLowerCase()}.recoveryCode.used`, subjectType: p.kind, subjectId: p.id, after: { left: unused.length - 1 } },
    );
    return true;
  });
  return used ? ok({ via: "recovery" as const }) : fail<TwoFactorError>("code.replayed", "code");
}

/**
 * Step-up for a sensitive change made in a session: the current password, and a current code if
 * the account has 2FA. Wrong answers count against the account like failed logins.
 */
export async function confirmIdentity(
  db: Db,
  config: TwoFactorConfig,
  account: { principal: Principal; passwordHash: string | null },
  input: { currentPassword: string; code?: string; ip: string },
  now: Date,
) {
  const p = account.principal;
  const keys = throttleKeys(throttleKind(p), p.id, input.ip);
  // Counted before the password is checked, like a login (issue 14); taken back when it was right.
  if (!(await reserveAttempt(db, keys, now, true)).allowed) return fail<IdentityError>("throttled");
  if (!(await verifyPassword(account.passwordHash, input.currentPassword)))
    return fail<IdentityError>("currentPassword.wrong", "currentPassword");
  const row = await db.twoFactor.findUnique({ where: where(p) });
  if (!row?.enabledAt || !input.code?.trim()) {
    await refundAttempt(db, keys);
    return row?.enabledAt ? fail<IdentityError>("code.required", "code") : ok({ twoFactor: false });
  }
  const second = await verifySecondFactor(db, config, p, input.code, now);
  if (!second.ok) {
    const code = second.error.code;
    return fail<IdentityError>(code.startsWith("code.") ? (code as CodeError) : "code.wrong", "code");
  }
  await refundAttempt(db, keys);
  return ok({ twoFactor: true });
}

/** Turns the caller's own 2FA off (password and current code). Agents cannot: theirs is mandatory. */
export async function disableTwoFactor(
  ctx: ServiceContext,
  config: TwoFactorConfig,
  input: { currentPassword: string; code: string; ip: string },
) {
  const p = principalOf(ctx.actor);
  const account = p && (await loadAccount(ctx.db, p));
  if (!p || !account) return fail<TwoFactorError>("notFound");
  if (p.kind === "AGENT") return fail<TwoFactorError>("mandatory");
  if (!(await twoFactorStatus(ctx.db, p)).on) return fail<TwoFactorError>("notOn");
  const now = ctx.clock.now();
  const identity = await confirmIdentity(ctx.db, config, account, input, now);
  if (!identity.ok) return identity;
  await ctx.db.$transaction(async (tx) => {
    await removeTwoFactor(tx, p);
    await queueSecurityNotice(tx, account, "twoFactorOff", now, config.brand);
    await recordAudit(tx, ctx, {
      action: `${p.kind.toLowerCase()}.twoFactor.off`,
      subjectType: p.kind,
      subjectId: p.id,
      before: { twoFactor: true },
      after: { twoFactor: false },
    });
  });
  return ok({ off: true });
}

/** Removes an account's 2FA and its recovery codes (inside the caller's transaction). */
export async function removeTwoFactor(tx: Tx, p: Principal) {
  await tx.twoFactor.deleteMany({ where: { kind: p.kind, principalId: p.id } });
  await tx.recoveryCode.deleteMany({ where: { kind: p.kind, principalId: p.id } });
}

/** New recovery codes (the old ones stop working), shown once: password and current code first. */
export async function regenerateRecoveryCodes(
  ctx: ServiceContext,
  config: TwoFactorConfig,
  input: { currentPassword: string; code: string; ip: string },
) {
  const p = principalOf(ctx.actor);
  const account = p && (await loadAccount(ctx.db, p));
  if (!p || !account?.active) return fail<TwoFactorError>("notFound");
  if (!(await twoFactorStatus(ctx.db, p)).on) return fail<TwoFactorError>("notOn");
  const now = ctx.clock.now();
  const identity = await confirmIdentity(ctx.db, config, account, input, now);
  if (!identity.ok) return identity;
  const codes = await ctx.db.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, p, now);
    await queueSecurityNotice(tx, account, "recoveryCodesNew", now, config.brand);
    await recordAudit(tx, ctx, {
      action: `${p.kind.toLowerCase()}.recoveryCodes.new`,
      subjectType: p.kind,
      subjectId: p.id,
      after: { recoveryCodes: codes.length },
    });
    return codes;
  });
  return ok({ recoveryCodes: codes });
}

/**
 * Lost phone (issue 4, item 8): the customer who owns a mailbox switches its 2FA off from Mine
 * sider after typing their own password again (and their own code, if they have 2FA). The mailbox
 * is told by e-mail. Another customer's mailbox is simply not found.
 */
export async function switchOffMailboxTwoFactorAsOwner(
  ctx: ServiceContext,
  config: TwoFactorConfig,
  input: { mailboxId: string; currentPassword: string; code?: string; ip: string },
) {
  if (ctx.actor.kind !== "CUSTOMER") return fail<TwoFactorError>("notFound");
  const owner = await loadAccount(ctx.db, { kind: "CUSTOMER", id: ctx.actor.customerId });
  const mailbox = await ctx.db.mailbox.findFirst({
    where: { id: input.mailboxId, customerId: ctx.actor.customerId, status: { not: "DELETED" } },
  });
  if (!owner || !mailbox) return fail<TwoFactorError>("notFound");
  const p: Principal = { kind: "MAILBOX", id: mailbox.id };
  if (!(await twoFactorStatus(ctx.db, p)).on) return fail<TwoFactorError>("notOn");
  const now = ctx.clock.now();
  const identity = await confirmIdentity(ctx.db, config, owner, input, now);
  if (!identity.ok) return identity;
  const account = await loadAccount(ctx.db, p);
  await ctx.db.$transaction(async (tx) => {
    await removeTwoFactor(tx, p);
    if (account) await queueSecurityNotice(tx, account, "twoFactorOffByOwner", now, config.brand);
    await recordAudit(tx, ctx, {
      action: "mailbox.twoFactor.off",
      subjectType: "MAILBOX",
      subjectId: mailbox.id,
      before: { twoFactor: true },
      after: { twoFactor: false, by: "owner" },
    });
  });
  return ok({ address: mailbox.address });
}
