// Two-factor login for mailbox users (R-SEC-1): enrolment that turns 2FA on only once a code from
// the app matches, single-use recovery codes, the code step at login with replay refusal, and
// switching it off with the password and a current code. Secrets are sealed at rest.
// Not yet reachable from the UI: the pages and the login step come next (issue 4).
import type { ServiceContext } from "@/lib/actor";
import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/service";
import { open, seal } from "@/lib/crypto/secret-box";
import { fail, ok } from "@/lib/errors/domain";
import { composeSecurityNotice } from "@/lib/notices/security";
import { verifyPassword } from "@/lib/passwords/hash";
import { hashRecoveryCode, matchRecoveryCode, newRecoveryCodes } from "@/lib/two-factor/recovery-codes";
import { checkTotpCode, newTotpSecret, otpauthUri } from "@/lib/two-factor/totp";

export type TwoFactorError = "notFound" | "alreadyOn" | "notOn" | "noEnrolment" | "currentPassword.wrong" | "code.malformed" | "code.wrong" | "code.replayed";

const sealedFor = (mailboxId: string, pending = false) => `mailbox:${mailboxId}${pending ? ":pending" : ""}`;

function mailboxOf(ctx: ServiceContext) {
  return ctx.actor.kind === "MAILBOX" ? ctx.actor.mailboxId : null;
}

/** Starts (or resumes) enrolment: a pending secret that changes nothing until confirmed. */
export async function beginEnrolment(ctx: ServiceContext, key: Buffer, issuer: string) {
  const mailboxId = mailboxOf(ctx);
  if (!mailboxId) return fail<TwoFactorError>("notFound");
  const mailbox = await ctx.db.mailbox.findUnique({ where: { id: mailboxId }, omit: { totpPendingSecret: false } });
  if (!mailbox || mailbox.status !== "ACTIVE") return fail<TwoFactorError>("notFound");
  if (mailbox.totpEnabledAt) return fail<TwoFactorError>("alreadyOn");
  let secret = mailbox.totpPendingSecret ? open(key, mailbox.totpPendingSecret, sealedFor(mailboxId, true)) : null;
  if (!secret) {
    secret = newTotpSecret();
    await ctx.db.mailbox.update({ where: { id: mailboxId }, data: { totpPendingSecret: seal(key, secret, sealedFor(mailboxId, true)) } });
  }
  return ok({ secret, uri: otpauthUri(issuer, mailbox.address, secret) });
}

/** Turns 2FA on when the code matches the pending secret; returns the recovery codes, once. */
export async function confirmEnrolment(ctx: ServiceContext, key: Buffer, brand: string, code: string) {
  const mailboxId = mailboxOf(ctx);
  if (!mailboxId) return fail<TwoFactorError>("notFound");
  const mailbox = await ctx.db.mailbox.findUnique({ where: { id: mailboxId }, omit: { totpPendingSecret: false }, include: { customer: { select: { locale: true } } } });
  if (!mailbox || mailbox.status !== "ACTIVE") return fail<TwoFactorError>("notFound");
  if (mailbox.totpEnabledAt) return fail<TwoFactorError>("alreadyOn");
  if (!mailbox.totpPendingSecret) return fail<TwoFactorError>("noEnrolment");
  const now = ctx.clock.now();
  const secret = open(key, mailbox.totpPendingSecret, sealedFor(mailboxId, true));
  const check = await checkTotpCode(secret, code, now, null);
  if (!check.ok) return fail<TwoFactorError>(`code.${check.reason}`, "code");

  const codes = newRecoveryCodes();
  const hashes = await Promise.all(codes.map(hashRecoveryCode));
  const mail = composeSecurityNotice("twoFactorOn", mailbox.customer.locale, mailbox.address, now, brand);
  await ctx.db.$transaction(async (tx) => {
    await tx.mailbox.update({
      where: { id: mailboxId },
      data: { totpSecret: seal(key, secret, sealedFor(mailboxId)), totpEnabledAt: now, totpLastStep: check.timeStep, totpPendingSecret: null },
    });
    await tx.recoveryCode.deleteMany({ where: { kind: "MAILBOX", principalId: mailboxId } });
    await tx.recoveryCode.createMany({ data: hashes.map((hash) => ({ kind: "MAILBOX" as const, principalId: mailboxId, hash, createdAt: now })) });
    await tx.outgoingMail.create({ data: { to: mailbox.address, ...mail, createdAt: now, nextAttemptAt: now } });
    await recordAudit(tx, ctx, { action: "mailbox.twoFactor.on", subjectType: "MAILBOX", subjectId: mailboxId, before: { twoFactor: false }, after: { twoFactor: true, recoveryCodes: codes.length } });
  });
  return ok({ recoveryCodes: codes });
}

/**
 * The second step of a login: a current TOTP code (each time step once: the step is claimed
 * atomically, so two requests with the same code cannot both pass) or an unused recovery code.
 */
export async function verifySecondFactor(db: Db, key: Buffer, brand: string, mailboxId: string, input: string, now: Date) {
  const mailbox = await db.mailbox.findUnique({ where: { id: mailboxId }, omit: { totpSecret: false }, include: { customer: { select: { locale: true } } } });
  if (!mailbox?.totpEnabledAt || !mailbox.totpSecret) return fail<TwoFactorError>("notOn");
  const secret = open(key, mailbox.totpSecret, sealedFor(mailboxId));
  const check = await checkTotpCode(secret, input, now, mailbox.totpLastStep);
  if (check.ok) {
    const claimed = await db.$executeRaw`
      UPDATE "Mailbox" SET "totpLastStep" = ${check.timeStep}
      WHERE id = ${mailboxId}::uuid AND ("totpLastStep" IS NULL OR "totpLastStep" < ${check.timeStep})`;
    return claimed === 1 ? ok({ via: "totp" as const }) : fail<TwoFactorError>("code.replayed");
  }
  if (check.reason !== "malformed") return fail<TwoFactorError>(`code.${check.reason}`);

  // Not six digits: perhaps a recovery code.
  const unused = await db.recoveryCode.findMany({ where: { kind: "MAILBOX", principalId: mailboxId, usedAt: null }, omit: { hash: false } });
  const index = await matchRecoveryCode(input, unused.map((c) => c.hash));
  if (index < 0) return fail<TwoFactorError>("code.malformed");
  const used = await db.$transaction(async (tx) => {
    const { count } = await tx.recoveryCode.updateMany({ where: { id: unused[index].id, usedAt: null }, data: { usedAt: now } });
    if (count === 1) {
      const mail = composeSecurityNotice("recoveryCodeUsed", mailbox.customer.locale, mailbox.address, now, brand);
      await tx.outgoingMail.create({ data: { to: mailbox.address, ...mail, createdAt: now, nextAttemptAt: now } });
      await tx.auditEvent.create({ data: { at: now, actorKind: "MAILBOX", actorId: mailboxId, action: "mailbox.recoveryCode.used", subjectType: "MAILBOX", subjectId: mailboxId } });
    }
    return count === 1;
  });
  return used ? ok({ via: "recovery" as const }) : fail<TwoFactorError>("code.replayed");
}

/** Turns 2FA off: the current password and a current code (OWASP ASVS 5.0 V6.5). */
export async function disableTwoFactor(ctx: ServiceContext, key: Buffer, brand: string, input: { currentPassword: string; code: string }) {
  const mailboxId = mailboxOf(ctx);
  if (!mailboxId) return fail<TwoFactorError>("notFound");
  const mailbox = await ctx.db.mailbox.findUnique({ where: { id: mailboxId }, omit: { passwordHash: false }, include: { customer: { select: { locale: true } } } });
  if (!mailbox) return fail<TwoFactorError>("notFound");
  if (!mailbox.totpEnabledAt) return fail<TwoFactorError>("notOn");
  if (!(await verifyPassword(mailbox.passwordHash, input.currentPassword))) return fail<TwoFactorError>("currentPassword.wrong", "currentPassword");
  const now = ctx.clock.now();
  const second = await verifySecondFactor(ctx.db, key, brand, mailboxId, input.code, now);
  if (!second.ok) return second;
  const mail = composeSecurityNotice("twoFactorOff", mailbox.customer.locale, mailbox.address, now, brand);
  await ctx.db.$transaction(async (tx) => {
    await tx.mailbox.update({ where: { id: mailboxId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, totpPendingSecret: null } });
    await tx.recoveryCode.deleteMany({ where: { kind: "MAILBOX", principalId: mailboxId } });
    await tx.outgoingMail.create({ data: { to: mailbox.address, ...mail, createdAt: now, nextAttemptAt: now } });
    await recordAudit(tx, ctx, { action: "mailbox.twoFactor.off", subjectType: "MAILBOX", subjectId: mailboxId, before: { twoFactor: true }, after: { twoFactor: false } });
  });
  return ok({ off: true });
}
