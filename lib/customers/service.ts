// The customer's own account on Mine sider (and the same password change for agents). R-SEC-5:
// changing one's own password asks for the current one (and a current code when 2FA is on); every
// other session of the account ends (OWASP ASVS 5.0 V7.4); the contact e-mail gets a security notice.
import type { ServiceContext } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/service";
import { fail, invalidFields, ok } from "@/lib/errors/domain";
import { hashPassword } from "@/lib/passwords/hash";
import { checkNewPassword, type OwnPasswordErrorCode } from "@/lib/passwords/rules";
import { isCommonPassword } from "@/lib/passwords/common";
import { confirmIdentity, queueSecurityNotice, type TwoFactorConfig } from "@/lib/two-factor/service";

export type OwnPasswordError = OwnPasswordErrorCode;

/** The account whose password changes: a customer's Mine sider login, or an agent's. */
async function ownAccount(ctx: ServiceContext) {
  if (ctx.actor.kind === "CUSTOMER") {
    const c = await ctx.db.customer.findUnique({ where: { id: ctx.actor.customerId }, omit: { passwordHash: false } });
    return (
      c && {
        kind: "CUSTOMER" as const,
        id: c.id,
        passwordHash: c.passwordHash,
        email: c.email,
        locale: c.locale,
        identity: [c.name, c.email, c.customerNumber],
      }
    );
  }
  if (ctx.actor.kind === "AGENT") {
    const a = await ctx.db.agent.findUnique({ where: { id: ctx.actor.agentId }, omit: { passwordHash: false } });
    return (
      a && { kind: "AGENT" as const, id: a.id, passwordHash: a.passwordHash, email: a.email, locale: "nb", identity: [a.name, a.email] }
    );
  }
  return null;
}

/** A customer or an agent changes their own password (mailboxes: lib/mailboxes/self-service.ts). */
export async function changeOwnPassword(
  ctx: ServiceContext,
  config: TwoFactorConfig,
  input: { currentPassword: string; code?: string; password: string; passwordRepeat: string; currentSessionId: string; ip: string },
) {
  const account = await ownAccount(ctx);
  if (!account) return fail<OwnPasswordError>("notFound");
  const now = ctx.clock.now();
  const principal = { kind: account.kind, id: account.id };
  // Guessing the current password here is throttled like a login.
  const identity = await confirmIdentity(ctx.db, config, { principal, passwordHash: account.passwordHash }, input, now);
  if (!identity.ok) return identity;
  const problems = checkNewPassword(input.password, input.passwordRepeat, { identity: account.identity, isCommon: isCommonPassword });
  if (input.password === input.currentPassword) problems.unshift("sameAsCurrent");
  const invalid = invalidFields<OwnPasswordError>({ password: problems[0] ? `password.${problems[0]}` : null });
  if (invalid) return invalid;

  const passwordHash = await hashPassword(input.password);
  const ended = await ctx.db.$transaction(async (tx) => {
    if (account.kind === "CUSTOMER") await tx.customer.update({ where: { id: account.id }, data: { passwordHash } });
    else await tx.agent.update({ where: { id: account.id }, data: { passwordHash } });
    const { count } = await tx.webSession.updateMany({
      where: { kind: account.kind, principalId: account.id, revokedAt: null, id: { not: input.currentSessionId } },
      data: { revokedAt: now },
    });
    await queueSecurityNotice(
      tx,
      { principal, label: account.email, noticeTo: account.email, locale: account.locale },
      "passwordChanged",
      now,
      config.brand,
    );
    await recordAudit(tx, ctx, {
      action: `${account.kind.toLowerCase()}.password`,
      subjectType: account.kind,
      subjectId: account.id,
      after: { passwordChanged: true, otherSessionsEnded: count },
    });
    return count;
  });
  return ok({ otherSessionsEnded: ended });
}

/** The language of the customer's e-mail (and their mailboxes'), audited like any change. */
export async function setCustomerLocale(ctx: ServiceContext, locale: "nb" | "en") {
  if (ctx.actor.kind !== "CUSTOMER") return;
  const customerId = ctx.actor.customerId;
  await ctx.db.$transaction(async (tx) => {
    const before = await tx.customer.findUnique({ where: { id: customerId }, select: { locale: true } });
    if (!before || before.locale === locale) return;
    await tx.customer.update({ where: { id: customerId }, data: { locale } });
    await recordAudit(tx, ctx, {
      action: "customer.locale",
      subjectType: "CUSTOMER",
      subjectId: customerId,
      before: { locale: before.locale },
      after: { locale },
    });
  });
}
