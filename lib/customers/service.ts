// The customer's own account on Mine sider. R-SEC-5: changing one's own password asks for the
// current one (and a current code when 2FA is on); every other session of the account ends (OWASP
// ASVS 5.0 V7.4); the contact e-mail gets a security notice.
import type { ServiceContext } from "@/lib/actor";
import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/service";
import { fail, invalidFields, ok } from "@/lib/errors/domain";
import { hashPassword } from "@/lib/passwords/hash";
import { checkNewPassword, type OwnPasswordErrorCode } from "@/lib/passwords/rules";
import { isCommonPassword } from "@/lib/passwords/common";
import { confirmIdentity, queueSecurityNotice, type TwoFactorConfig } from "@/lib/two-factor/service";

export type CustomerPasswordError = OwnPasswordErrorCode;

export async function changeCustomerPassword(
  ctx: ServiceContext,
  config: TwoFactorConfig,
  input: { currentPassword: string; code?: string; password: string; passwordRepeat: string; currentSessionId: string; ip: string },
) {
  if (ctx.actor.kind !== "CUSTOMER") return fail<CustomerPasswordError>("notFound");
  const customerId = ctx.actor.customerId;
  const now = ctx.clock.now();
  const customer = await ctx.db.customer.findUnique({ where: { id: customerId }, omit: { passwordHash: false } });
  if (!customer) return fail<CustomerPasswordError>("notFound");

  // Guessing the current password here is throttled like a login.
  const identity = await confirmIdentity(ctx.db, config, { principal: { kind: "CUSTOMER", id: customer.id }, passwordHash: customer.passwordHash }, input, now);
  if (!identity.ok) return identity;
  const problems = checkNewPassword(input.password, input.passwordRepeat, {
    identity: [customer.name, customer.email, customer.customerNumber],
    isCommon: isCommonPassword,
  });
  if (input.password === input.currentPassword) problems.unshift("sameAsCurrent");
  const invalid = invalidFields<CustomerPasswordError>({ password: problems.length ? `password.${problems[0]}` : null });
  if (invalid) return invalid;

  const passwordHash = await hashPassword(input.password);
  const ended = await ctx.db.$transaction(async (tx) => {
    await tx.customer.update({ where: { id: customer.id }, data: { passwordHash } });
    const { count } = await tx.webSession.updateMany({
      where: { kind: "CUSTOMER", principalId: customer.id, revokedAt: null, id: { not: input.currentSessionId } },
      data: { revokedAt: now },
    });
    await queueSecurityNotice(tx, { principal: { kind: "CUSTOMER", id: customer.id }, label: customer.email, noticeTo: customer.email, locale: customer.locale }, "passwordChanged", now, config.brand);
    await recordAudit(tx, ctx, { action: "customer.password", subjectType: "CUSTOMER", subjectId: customer.id, after: { passwordChanged: true, otherSessionsEnded: count } });
    return count;
  });
  return ok({ otherSessionsEnded: ended });
}

/** The language of the customer's e-mail (and their mailboxes'), audited like any change. */
export async function setCustomerLocale(db: Db, customerId: string, locale: "nb" | "en", now: Date) {
  await db.$transaction(async (tx) => {
    const before = await tx.customer.findUnique({ where: { id: customerId }, select: { locale: true } });
    if (!before || before.locale === locale) return;
    await tx.customer.update({ where: { id: customerId }, data: { locale } });
    await tx.auditEvent.create({
      data: { at: now, actorKind: "CUSTOMER", actorId: customerId, action: "customer.locale", subjectType: "CUSTOMER", subjectId: customerId, before: { locale: before.locale }, after: { locale } },
    });
  });
}
