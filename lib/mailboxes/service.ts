// Mailbox use cases on Mine sider (R-ACC-1..5, R-LC-3). Each takes a ServiceContext, checks that
// the actor owns the mailbox, runs one transaction and writes its audit event inside it.
import { hasRoomForAnotherMailbox, lockCustomers } from "@/lib/customers/locks";
import type { ServiceContext } from "@/lib/actor";
import type { Tx } from "@/lib/db";
import { isUuid } from "@/lib/ids";
import { recordAudit } from "@/lib/audit/service";
import { DomainError, fail, inTransaction, invalidFields } from "@/lib/errors/domain";
import { restoreRefusal, type RestoreRefusal } from "@/lib/lifecycle/rules";
import {
  addressOf,
  normaliseDisplayName,
  normaliseLocalPart,
  type Addressing,
  type DisplayNameProblem,
  type LocalPartProblem,
} from "@/lib/mailboxes/rules";
import { wipeAndRetire } from "@/lib/lifecycle/deletion";
import { endMailboxAccess } from "@/lib/lifecycle/access";
import { recordPlatformEvents } from "@/lib/mail-platform/events";
import { hashMailboxPassword } from "@/lib/passwords/hash";
import { checkNewPassword, type PasswordProblem } from "@/lib/passwords/rules";
import { isCommonPassword } from "@/lib/passwords/common";

export type MailboxError =
  | "notFound"
  | "limitReached"
  | "broadbandEnded"
  | "addressUnavailable"
  | "notActive"
  | "confirmationMismatch"
  | "sameAddress"
  | `address.${LocalPartProblem}`
  | `displayName.${DisplayNameProblem}`
  | `password.${PasswordProblem}`
  | `restore.${RestoreRefusal}`;

type Owner = { customerId: string };

function ownerOf(ctx: ServiceContext): Owner {
  // Only customers act on Mine sider; agents get their own services in the admin issue. Anything
  // else reaching here is a programming error, not a person's mistake.
  if (ctx.actor.kind !== "CUSTOMER") throw new Error(`Mine sider's mailbox services need a customer, not ${ctx.actor.kind}`);
  return { customerId: ctx.actor.customerId };
}

/** The caller's own mailbox, locked for the rest of the transaction; another customer's is "not found". */
async function lockOwnMailbox(tx: Tx, owner: Owner, mailboxId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Mailbox" WHERE id = ${mailboxId}::uuid AND "customerId" = ${owner.customerId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw new DomainError("notFound");
  return tx.mailbox.findUniqueOrThrow({ where: { id: mailboxId } });
}

// The address (or an address ever issued) exists: the unique keys of Mailbox and Address (R-ACC-3).
const run = <T>(ctx: ServiceContext, work: (tx: Tx) => Promise<T>) =>
  inTransaction<T, MailboxError>(ctx.db, work, { onUnique: { code: "addressUnavailable", field: "localPart" } });

function passwordProblems(password: string, repeated: string, identity: string[]): MailboxError | null {
  const [problem] = checkNewPassword(password, repeated, { identity, isCommon: isCommonPassword, mailPrograms: true });
  return problem ? `password.${problem}` : null;
}

export type CreateMailboxInput = { localPart: string; displayName: string; password: string; passwordRepeat: string };

export async function createMailbox(ctx: ServiceContext, addressing: Addressing, input: CreateMailboxInput) {
  const owner = ownerOf(ctx);
  const domain = addressing.domain;
  const local = normaliseLocalPart(input.localPart, addressing);
  const name = normaliseDisplayName(input.displayName);
  const customer = await ctx.db.customer.findUniqueOrThrow({ where: { id: owner.customerId } });
  const address = local.ok ? addressOf(local.localPart, domain) : input.localPart;
  const invalid = invalidFields<MailboxError>({
    localPart: local.ok ? null : `address.${local.problem}`,
    displayName: name.ok ? null : `displayName.${name.problem}`,
    password: passwordProblems(input.password, input.passwordRepeat, [address, input.displayName, customer.name, customer.customerNumber]),
  });
  // `invalid` is set whenever a check failed; the other two tests only narrow the types.
  if (invalid || !local.ok || !name.ok) return invalid!;
  // Hashing is slow on purpose: do it before taking any lock.
  const passwordHash = await hashMailboxPassword(input.password);

  return run(ctx, async (tx) => {
    await lockCustomers(tx, owner.customerId);
    // R-PAY-1: e-mail comes with broadband; without it, new mailboxes are not free.
    if ((await tx.customer.findUniqueOrThrow({ where: { id: owner.customerId } })).broadbandStatus === "ENDED")
      throw new DomainError("broadbandEnded");
    if (!(await hasRoomForAnotherMailbox(tx, owner.customerId))) throw new DomainError("limitReached");
    const now = ctx.clock.now();
    const mailbox = await tx.mailbox.create({
      data: {
        address,
        customerId: owner.customerId,
        displayName: name.displayName,
        passwordHash,
        createdAt: now,
        cycleStartedAt: now,
        addresses: { create: { address, issuedAt: now } },
      },
    });
    await recordAudit(tx, ctx, {
      action: "mailbox.create",
      subjectType: "MAILBOX",
      subjectId: mailbox.id,
      after: { address, displayName: mailbox.displayName, status: mailbox.status, plan: mailbox.plan },
    });
    return mailbox;
  });
}

export async function renameMailbox(ctx: ServiceContext, addressing: Addressing, input: { mailboxId: string; localPart: string }) {
  const owner = ownerOf(ctx);
  const domain = addressing.domain;
  if (!isUuid(input.mailboxId)) return fail<MailboxError>("notFound");
  const local = normaliseLocalPart(input.localPart, addressing);
  if (!local.ok) return fail<MailboxError>(`address.${local.problem}`, "localPart");
  const newAddress = addressOf(local.localPart, domain);

  return run(ctx, async (tx) => {
    const mailbox = await lockOwnMailbox(tx, owner, input.mailboxId);
    if (mailbox.status !== "ACTIVE") throw new DomainError("notActive");
    if (mailbox.address === newAddress) throw new DomainError("sameAddress", "localPart");
    const now = ctx.clock.now();
    // R-ACC-4: the new address is issued, the old one retired for ever, like a deleted one.
    await tx.address.create({ data: { address: newAddress, mailboxId: mailbox.id, issuedAt: now } });
    await tx.address.update({ where: { address: mailbox.address }, data: { retiredAt: now, retiredBecause: "RENAMED" } });
    const renamed = await tx.mailbox.update({ where: { id: mailbox.id }, data: { address: newAddress } });
    // The servers forget the old address at once and end the sessions logged in with it (R-PLAT-3).
    await recordPlatformEvents(
      tx,
      [{ kind: "MAILBOX_RENAMED", mailboxId: mailbox.id, address: newAddress, previousAddress: mailbox.address }],
      now,
    );
    await recordAudit(tx, ctx, {
      action: "mailbox.rename",
      subjectType: "MAILBOX",
      subjectId: mailbox.id,
      before: { address: mailbox.address },
      after: { address: newAddress },
    });
    return renamed;
  });
}

export async function changeDisplayName(ctx: ServiceContext, input: { mailboxId: string; displayName: string }) {
  const owner = ownerOf(ctx);
  if (!isUuid(input.mailboxId)) return fail<MailboxError>("notFound");
  const name = normaliseDisplayName(input.displayName);
  if (!name.ok) return fail<MailboxError>(`displayName.${name.problem}`, "displayName");

  return run(ctx, async (tx) => {
    const mailbox = await lockOwnMailbox(tx, owner, input.mailboxId);
    if (mailbox.status === "DELETED") throw new DomainError("notFound");
    const updated = await tx.mailbox.update({ where: { id: mailbox.id }, data: { displayName: name.displayName } });
    await recordAudit(tx, ctx, {
      action: "mailbox.displayName",
      subjectType: "MAILBOX",
      subjectId: mailbox.id,
      before: { displayName: mailbox.displayName },
      after: { displayName: updated.displayName },
    });
    return updated;
  });
}

export async function changeMailboxPassword(ctx: ServiceContext, input: { mailboxId: string; password: string; passwordRepeat: string }) {
  const owner = ownerOf(ctx);
  if (!isUuid(input.mailboxId)) return fail<MailboxError>("notFound");
  const target = await ctx.db.mailbox.findFirst({
    where: { id: input.mailboxId, customerId: owner.customerId },
    include: { customer: { select: { name: true, customerNumber: true } } },
  });
  if (!target || target.status === "DELETED") return fail<MailboxError>("notFound");
  const badPassword = passwordProblems(input.password, input.passwordRepeat, [
    target.address,
    target.displayName,
    target.customer.name,
    target.customer.customerNumber,
  ]);
  if (badPassword) return fail(badPassword as MailboxError, "password");
  const passwordHash = await hashMailboxPassword(input.password);

  return run(ctx, async (tx) => {
    const mailbox = await lockOwnMailbox(tx, owner, input.mailboxId);
    if (mailbox.status === "DELETED") throw new DomainError("notFound");
    const now = ctx.clock.now();
    await tx.mailbox.update({ where: { id: mailbox.id }, data: { passwordHash } });
    // Whoever was signed in with the old password is signed out, on the web, in Cleanmail and on
    // the mail servers (R-SEC-7, OWASP ASVS V7.4).
    const ended = await endMailboxAccess(tx, [mailbox], now, { event: "PASSWORD_CHANGED" });
    await recordAudit(tx, ctx, {
      action: "mailbox.password",
      subjectType: "MAILBOX",
      subjectId: mailbox.id,
      after: { passwordChanged: true, sessionsEnded: ended.browserSessions, ended },
    });
    return { sessionsEnded: ended.browserSessions };
  });
}

export async function deleteMailbox(ctx: ServiceContext, input: { mailboxId: string; confirmAddress: string }) {
  const owner = ownerOf(ctx);
  if (!isUuid(input.mailboxId)) return fail<MailboxError>("notFound");

  return run(ctx, async (tx) => {
    const mailbox = await lockOwnMailbox(tx, owner, input.mailboxId);
    if (mailbox.status === "DELETED") throw new DomainError("notFound");
    if (input.confirmAddress.trim().toLowerCase() !== mailbox.address) throw new DomainError("confirmationMismatch", "confirmAddress");
    const now = ctx.clock.now();
    await wipeAndRetire(tx, [mailbox], now, "customer");
    await recordAudit(tx, ctx, {
      action: "mailbox.delete",
      subjectType: "MAILBOX",
      subjectId: mailbox.id,
      before: { address: mailbox.address, status: mailbox.status, plan: mailbox.plan },
      after: { status: "DELETED" },
    });
    return { id: mailbox.id, address: mailbox.address };
  });
}

export async function restoreMailbox(ctx: ServiceContext, input: { mailboxId: string }) {
  const owner = ownerOf(ctx);
  if (!isUuid(input.mailboxId)) return fail<MailboxError>("notFound");

  return run(ctx, async (tx) => {
    await lockCustomers(tx, owner.customerId);
    const mailbox = await lockOwnMailbox(tx, owner, input.mailboxId);
    return applyRestore(tx, ctx, mailbox, {});
  });
}

/**
 * A restore, whoever asks (the owner here, an agent in the admin view): inside the window only
 * (R-LC-3), never a deleted mailbox (R-ACC-3), and within the 5 (R-ACC-2). The caller holds the
 * customer's and the mailbox's row locks. Throws DomainError.
 */
export async function applyRestore(
  tx: Tx,
  ctx: ServiceContext,
  mailbox: {
    id: string;
    customerId: string;
    status: "ACTIVE" | "LOCKED" | "DELETED";
    lockReason: "INACTIVITY" | "BROADBAND_ENDED" | null;
    lockedAt: Date | null;
    cycleStartedAt: Date;
    lastLoginAt: Date | null;
  },
  auditExtra: Record<string, unknown>,
) {
  const now = ctx.clock.now();
  const { broadbandStatus } = await tx.customer.findUniqueOrThrow({ where: { id: mailbox.customerId }, select: { broadbandStatus: true } });
  const refusal = restoreRefusal(mailbox, now, { broadbandEnded: broadbandStatus === "ENDED" });
  if (refusal) throw new DomainError(`restore.${refusal}`);
  // Restoring makes the mailbox active again, so it counts against the 5 (R-ACC-2).
  if (!(await hasRoomForAnotherMailbox(tx, mailbox.customerId))) throw new DomainError("limitReached");
  const restored = await tx.mailbox.update({
    where: { id: mailbox.id },
    // A restore starts a new inactivity cycle (R-LC-1): six months from now.
    data: { status: "ACTIVE", lockReason: null, lockedAt: null, cycleStartedAt: now },
  });
  // The servers forget the cached refusal, so the mailbox logs in at once (R-PLAT-3).
  await recordPlatformEvents(tx, [{ kind: "MAILBOX_RESTORED", mailboxId: mailbox.id, address: restored.address }], now);
  await recordAudit(tx, ctx, {
    action: "mailbox.restore",
    subjectType: "MAILBOX",
    subjectId: mailbox.id,
    before: { status: mailbox.status, lockReason: mailbox.lockReason, lockedAt: mailbox.lockedAt?.toISOString() ?? null },
    after: { status: "ACTIVE", ...auditExtra },
  });
  return restored;
}
