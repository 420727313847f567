// What agents do in the admin view (issue 5, R-ADM-1, R-ADM-2): each action asks for a reason that
// goes into the audit event, and is refused on a stale page (the mailbox or customer changed since
// the page was loaded: the page's version no longer matches) rather than applied blindly.
import { queueNoticeCopies } from "@/lib/outbox";
import type { ServiceContext } from "@/lib/actor";
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/service";
import { DomainError, fail, inTransaction, type Result } from "@/lib/errors/domain";
import { isUuid } from "@/lib/ids";
import type { RestoreRefusal } from "@/lib/lifecycle/rules";
import { applyRestore } from "@/lib/mailboxes/service";
import { lockCustomers } from "@/lib/customers/locks";
import { POLICY } from "@/lib/policy";
import { queueSecurityNotice, removeTwoFactor, twoFactorStatus } from "@/lib/two-factor/service";
import { recordAgentBroadbandEvent, type CommerceConfig } from "@/lib/broadband/service";

export type AdminActionError =
  | "notAgent"
  | "notFound"
  | "stale"
  | "reason.tooShort"
  | "reason.tooLong"
  | "limitReached"
  | `restore.${RestoreRefusal}`
  | "noNotice"
  | "notBlocked"
  | "twoFactorNotOn"
  | "identityNotChecked"
  | "unchanged"
  | "date.invalid";

/** The version a page shows and sends back: the row's last change, to the millisecond. */
export const versionOf = (row: { updatedAt: Date }) => row.updatedAt.toISOString();

type Common = { version: string; reason: string };

function reasonProblem(reason: string): AdminActionError | null {
  const length = reason.trim().length;
  if (length < POLICY.adminActions.reasonMinLength) return "reason.tooShort";
  if (length > POLICY.adminActions.reasonMaxLength) return "reason.tooLong";
  return null;
}

/** Runs an agent's action: agent actor, a reason, one transaction; refusals come back typed. */
async function agentAction<T>(ctx: ServiceContext, reason: string, work: (tx: Tx) => Promise<T>): Promise<Result<T, AdminActionError>> {
  if (ctx.actor.kind !== "AGENT") return fail<AdminActionError>("notAgent");
  const problem = reasonProblem(reason);
  if (problem) return fail(problem, "reason");
  return inTransaction<T, AdminActionError>(ctx.db, work);
}

/** The mailbox, locked with its customer for the transaction; refused if it changed since the page. */
async function lockMailboxAt(tx: Tx, mailboxId: string, version: string) {
  if (!isUuid(mailboxId)) throw new DomainError("notFound");
  const [owner] = await tx.$queryRaw<{ customerId: string }[]>`SELECT "customerId" FROM "Mailbox" WHERE id = ${mailboxId}::uuid`;
  if (!owner) throw new DomainError("notFound");
  // Customer first, then mailbox: the order every mailbox change takes, so none deadlock.
  await lockCustomers(tx, owner.customerId);
  await tx.$queryRaw`SELECT id FROM "Mailbox" WHERE id = ${mailboxId}::uuid FOR UPDATE`;
  const mailbox = await tx.mailbox.findUniqueOrThrow({ where: { id: mailboxId }, include: { customer: { select: { locale: true } } } });
  if (versionOf(mailbox) !== version) throw new DomainError("stale");
  return mailbox;
}

const audit = (reason: string, extra: Record<string, unknown> = {}) => ({ reason: reason.trim(), ...extra });

/** R-LC-3, R-ADM-1: restore a locked mailbox inside its window; a deleted one never (R-ACC-3). */
export async function restoreAsAgent(ctx: ServiceContext, input: Common & { mailboxId: string }) {
  return agentAction(ctx, input.reason, async (tx) => {
    const mailbox = await lockMailboxAt(tx, input.mailboxId, input.version);
    return applyRestore(tx, ctx, mailbox, audit(input.reason));
  });
}

/** Sends the mailbox's last notice again, to the same recipients, as it was first written. */
export async function resendLastNotice(ctx: ServiceContext, input: Common & { mailboxId: string }) {
  return agentAction(ctx, input.reason, async (tx) => {
    const mailbox = await lockMailboxAt(tx, input.mailboxId, input.version);
    const notice = await tx.notice.findFirst({
      where: { mailboxId: mailbox.id },
      orderBy: { queuedAt: "desc" },
      include: { mails: { select: { to: true } } },
    });
    if (!notice) throw new DomainError("noNotice");
    const now = ctx.clock.now();
    const recipients = [...new Set(notice.mails.map((m) => m.to))];
    if (recipients.length === 0) recipients.push(mailbox.address);
    await queueNoticeCopies(tx, notice.id, recipients, now);
    await recordAudit(tx, ctx, {
      action: "mailbox.notice.resent",
      subjectType: "MAILBOX",
      subjectId: mailbox.id,
      after: audit(input.reason, { notice: notice.kind, to: recipients }),
    });
    return { kind: notice.kind, recipients };
  });
}

/**
 * Switches a mailbox's 2FA off for a caller who lost their phone, once the agent has checked who
 * they are (the form asks the agent to confirm it). The mailbox is told by e-mail.
 */
export async function switchOffTwoFactorAsAgent(
  ctx: ServiceContext,
  brand: string,
  input: Common & { mailboxId: string; identityChecked: boolean },
) {
  return agentAction(ctx, input.reason, async (tx) => {
    if (!input.identityChecked) throw new DomainError("identityNotChecked", "identityChecked");
    const mailbox = await lockMailboxAt(tx, input.mailboxId, input.version);
    const p = { kind: "MAILBOX" as const, id: mailbox.id };
    if (!(await twoFactorStatus(tx, p)).on) throw new DomainError("twoFactorNotOn");
    await removeTwoFactor(tx, p);
    // The mailbox row changes too, so other open pages see that they are stale.
    await tx.mailbox.update({ where: { id: mailbox.id }, data: { updatedAt: ctx.clock.now() } });
    await queueSecurityNotice(
      tx,
      { principal: p, label: mailbox.address, noticeTo: mailbox.address, locale: mailbox.customer.locale },
      "twoFactorOffByAgent",
      ctx.clock.now(),
      brand,
    );
    await recordAudit(tx, ctx, {
      action: "mailbox.twoFactor.off",
      subjectType: "MAILBOX",
      subjectId: mailbox.id,
      before: { twoFactor: true },
      after: audit(input.reason, { twoFactor: false, by: "agent", identityChecked: true }),
    });
  });
}

/** Lifts a sending block (R-SEC-3) before its hour is over. */
export async function liftSendingBlock(ctx: ServiceContext, input: Common & { mailboxId: string }) {
  return agentAction(ctx, input.reason, async (tx) => {
    const mailbox = await lockMailboxAt(tx, input.mailboxId, input.version);
    const now = ctx.clock.now();
    if (!mailbox.sendBlockedUntil || mailbox.sendBlockedUntil <= now) throw new DomainError("notBlocked");
    await tx.mailbox.update({ where: { id: mailbox.id }, data: { sendBlockedUntil: null, sendBlockReason: null } });
    // A fresh start: otherwise the next message would cross the same limit again at once.
    await tx.sendRecipient.deleteMany({ where: { mailboxId: mailbox.id } });
    await tx.sendMessage.deleteMany({ where: { mailboxId: mailbox.id } });
    await recordAudit(tx, ctx, {
      action: "mailbox.sendBlock.lifted",
      subjectType: "MAILBOX",
      subjectId: mailbox.id,
      before: { sendBlockedUntil: mailbox.sendBlockedUntil.toISOString() },
      after: audit(input.reason, { sendBlockedUntil: null }),
    });
  });
}

/**
 * Records that the customer's broadband ended (on a date) or is active again, where the partner's
 * systems have not already said so: an event like the partners', applied the same way (offers,
 * or e-mail free again; lib/broadband/service.ts), with the agent's reason in the audit event.
 */
export async function setBroadbandStatusAsAgent(
  ctx: ServiceContext,
  config: CommerceConfig,
  input: Common & { customerId: string; status: "ACTIVE" | "ENDED"; endedOn?: Date },
) {
  return agentAction(ctx, input.reason, async (tx) => {
    if (!isUuid(input.customerId)) throw new DomainError("notFound");
    await lockCustomers(tx, input.customerId);
    const customer = await tx.customer.findUnique({ where: { id: input.customerId } });
    if (!customer) throw new DomainError("notFound");
    if (versionOf(customer) !== input.version) throw new DomainError("stale");
    if (customer.broadbandStatus === input.status) throw new DomainError("unchanged");
    const now = ctx.clock.now();
    const effectiveAt = input.status === "ENDED" ? (input.endedOn ?? now) : now;
    // The status follows the latest event in force, so an agent's change takes effect today at the latest.
    if (Number.isNaN(effectiveAt.getTime()) || effectiveAt > now) throw new DomainError("date.invalid", "endedOn");
    const applied = await recordAgentBroadbandEvent(tx, ctx, customer.id, input.status, effectiveAt, config, input.reason.trim());
    if (!applied) throw new DomainError("unchanged");
    return applied;
  });
}
