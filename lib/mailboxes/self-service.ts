// What a mailbox user does in the mailbox settings area (issue 4). R-SEC-5: changing one's own
// password asks for the current one (and a current code when 2FA is on); every other session of
// the mailbox ends; the mailbox gets a security notice by e-mail.
import type { ServiceContext } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/service";
import { fail, invalidFields, ok } from "@/lib/errors/domain";
import { hashMailboxPassword } from "@/lib/passwords/hash";
import { endMailboxAccess } from "@/lib/lifecycle/access";
import { confirmIdentity, queueSecurityNotice, type TwoFactorConfig } from "@/lib/two-factor/service";
import { checkNewPassword, type OwnPasswordErrorCode } from "@/lib/passwords/rules";
import { isCommonPassword } from "@/lib/passwords/common";

export type OwnPasswordError = OwnPasswordErrorCode;

export async function changeOwnMailboxPassword(
  ctx: ServiceContext,
  config: TwoFactorConfig,
  input: { currentPassword: string; code?: string; password: string; passwordRepeat: string; currentSessionId: string; ip: string },
) {
  if (ctx.actor.kind !== "MAILBOX") return fail<OwnPasswordError>("notFound");
  const now = ctx.clock.now();
  const mailbox = await ctx.db.mailbox.findUnique({
    where: { id: ctx.actor.mailboxId },
    omit: { passwordHash: false },
    include: { customer: { select: { name: true, customerNumber: true, locale: true } } },
  });
  if (!mailbox || mailbox.status !== "ACTIVE") return fail<OwnPasswordError>("notFound");

  const identity = await confirmIdentity(
    ctx.db,
    config,
    { principal: { kind: "MAILBOX", id: mailbox.id }, passwordHash: mailbox.passwordHash },
    input,
    now,
  );
  if (!identity.ok) return identity;
  const problems = checkNewPassword(input.password, input.passwordRepeat, {
    identity: [mailbox.address, mailbox.displayName, mailbox.customer.name, mailbox.customer.customerNumber],
    isCommon: isCommonPassword,
    mailPrograms: true,
  });
  if (input.password === input.currentPassword) problems.unshift("sameAsCurrent");
  const invalid = invalidFields<OwnPasswordError>({ password: problems[0] ? `password.${problems[0]}` : null });
  if (invalid) return invalid;

  const passwordHash = await hashMailboxPassword(input.password);
  const ended = await ctx.db.$transaction(async (tx) => {
    await tx.mailbox.update({ where: { id: mailbox.id }, data: { passwordHash } });
    // R-SEC-7: everything that spoke for the old password ends, but this browser.
    const ended = await endMailboxAccess(tx, [mailbox], now, { event: "PASSWORD_CHANGED", keepSessionId: input.currentSessionId });
    await queueSecurityNotice(
      tx,
      {
        principal: { kind: "MAILBOX", id: mailbox.id },
        label: mailbox.address,
        noticeTo: mailbox.address,
        locale: mailbox.customer.locale,
      },
      "passwordChanged",
      now,
      config.brand,
      { ended },
    );
    await recordAudit(tx, ctx, {
      action: "mailbox.password",
      subjectType: "MAILBOX",
      subjectId: mailbox.id,
      after: { passwordChanged: true, by: "mailbox user", otherSessionsEnded: ended.browserSessions, ended },
    });
    return ended.browserSessions;
  });
  return ok({ otherSessionsEnded: ended });
}
