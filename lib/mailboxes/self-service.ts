// What a mailbox user does in the mailbox settings area (issue 4). R-SEC-5: changing one's own
// password asks for the current one; every other session of the mailbox ends; the mailbox gets a
// security notice by e-mail.
import type { ServiceContext } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/service";
import { fail, invalidFields, ok } from "@/lib/errors/domain";
import { checkThrottle, recordFailure, throttleKeys } from "@/lib/auth/throttle";
import { composeSecurityNotice } from "@/lib/notices/security";
import { hashMailboxPassword, verifyPassword } from "@/lib/passwords/hash";
import { checkNewPassword, type OwnPasswordErrorCode } from "@/lib/passwords/rules";
import { isCommonPassword } from "@/lib/passwords/common";

export type OwnPasswordError = OwnPasswordErrorCode;

export async function changeOwnMailboxPassword(
  ctx: ServiceContext,
  brand: string,
  input: { currentPassword: string; password: string; passwordRepeat: string; currentSessionId: string; ip: string },
) {
  if (ctx.actor.kind !== "MAILBOX") return fail<OwnPasswordError>("notFound");
  const now = ctx.clock.now();
  const mailbox = await ctx.db.mailbox.findUnique({
    where: { id: ctx.actor.mailboxId },
    omit: { passwordHash: false },
    include: { customer: { select: { name: true, customerNumber: true, locale: true } } },
  });
  if (!mailbox || mailbox.status !== "ACTIVE") return fail<OwnPasswordError>("notFound");

  const keys = throttleKeys("mailbox", mailbox.id, input.ip);
  if (!(await checkThrottle(ctx.db, keys, now, true)).allowed) return fail<OwnPasswordError>("throttled");
  if (!(await verifyPassword(mailbox.passwordHash, input.currentPassword))) {
    await recordFailure(ctx.db, keys, now);
    return fail<OwnPasswordError>("currentPassword.wrong", "currentPassword");
  }
  const problems = checkNewPassword(input.password, input.passwordRepeat, {
    identity: [mailbox.address, mailbox.displayName, mailbox.customer.name, mailbox.customer.customerNumber],
    isCommon: isCommonPassword,
  });
  if (input.password === input.currentPassword) problems.unshift("sameAsCurrent");
  const invalid = invalidFields<OwnPasswordError>({ password: problems.length ? `password.${problems[0]}` : null });
  if (invalid) return invalid;

  const passwordHash = await hashMailboxPassword(input.password);
  const mail = composeSecurityNotice("passwordChanged", mailbox.customer.locale, mailbox.address, now, brand);
  const ended = await ctx.db.$transaction(async (tx) => {
    await tx.mailbox.update({ where: { id: mailbox.id }, data: { passwordHash } });
    const { count } = await tx.webSession.updateMany({
      where: { kind: "MAILBOX", principalId: mailbox.id, revokedAt: null, id: { not: input.currentSessionId } },
      data: { revokedAt: now },
    });
    await tx.outgoingMail.create({ data: { to: mailbox.address, ...mail, createdAt: now, nextAttemptAt: now } });
    await recordAudit(tx, ctx, { action: "mailbox.password", subjectType: "MAILBOX", subjectId: mailbox.id, after: { passwordChanged: true, by: "mailbox user", otherSessionsEnded: count } });
    return count;
  });
  return ok({ otherSessionsEnded: ended });
}
