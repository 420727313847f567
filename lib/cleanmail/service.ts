// Cleanmail (R-CM-2..5, R-SEC-4): the quarantine of one mailbox, reached through a report's link
// or the Cleanmail password. A Cleanmail session is for that one mailbox's quarantine only: it is
// its own session kind, so it opens nothing else in the portal.
import type { ServiceContext } from "@/lib/actor";
import type { Clock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/service";
import { recordSuccess, refundAttempt, reserveAttempt, throttleKeys } from "@/lib/throttle/throttle";
import { openSession } from "@/lib/auth/sessions";
import { fail, ok } from "@/lib/errors/domain";
import { isUuid } from "@/lib/ids";
import { addCalendarDays } from "@/lib/lifecycle/calendar";
import type { MailTransport } from "@/lib/mail/transport";
import { burnPasswordCheck, hashPassword, PasswordWorkBusy, verifyPassword } from "@/lib/passwords/hash";
import { POLICY } from "@/lib/policy";
import { cleanmailPasswordProblems, type CleanmailPasswordProblem } from "@/lib/cleanmail/password-rules";
import { hashLinkToken, isLinkTokenShaped, linkPath, newLinkToken } from "@/lib/crypto/link-tokens";
import { composeQuarantineReport } from "@/lib/notices/cleanmail";
import { queueMail } from "@/lib/outbox";

export type CleanmailError =
  | "notFound"
  | "noneSelected"
  | "linkInvalid"
  | "throttled"
  | "busy"
  | "invalid"
  | "deliveryFailed"
  | "pattern.invalid"
  | `password.${CleanmailPasswordProblem}`;

const C = POLICY.cleanmail;
type Meta = { ip: string; userAgent?: string; requestId?: string };

/** The link's mailbox, if the link is good now. Reading it changes nothing (link scanners GET it). */
export async function inspectLink(db: Db, token: string, now: Date) {
  if (!isLinkTokenShaped(token)) return null;
  const link = await db.cleanmailLink.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    include: { mailbox: { select: { id: true, address: true, status: true } } },
  });
  if (!link || link.revokedAt || link.expiresAt <= now || link.mailbox.status === "DELETED") return null;
  return { linkId: link.id, mailboxId: link.mailbox.id, address: link.mailbox.address, expiresAt: link.expiresAt };
}

/** The POST from the link's page: the link becomes a Cleanmail session (the token is not used up). */
export async function exchangeLink(db: Db, clock: Clock, token: string, meta: Meta) {
  const now = clock.now();
  const link = await inspectLink(db, token, now);
  if (!link) return fail<CleanmailError>("linkInvalid");
  await db.cleanmailLink.updateMany({ where: { id: link.linkId, usedAt: null }, data: { usedAt: now } });
  const session = await openSession(db, "CLEANMAIL", link.mailboxId, now, meta);
  await recordAudit(
    db,
    { clock, actor: { kind: "MAILBOX", mailboxId: link.mailboxId }, requestId: meta.requestId ?? "cleanmail" },
    { action: "cleanmail.login.link", subjectType: "MAILBOX", subjectId: link.mailboxId, after: { ip: meta.ip } },
  );
  return ok({ sessionToken: session.token, mailboxId: link.mailboxId });
}

/** Cleanmail's own login page (R-CM-4): the address and the Cleanmail password, throttled. */
export async function loginCleanmail(db: Db, clock: Clock, input: { address: string; password: string }, meta: Meta) {
  const now = clock.now();
  const address = input.address.trim().toLowerCase().slice(0, 320);
  const mailbox = await db.mailbox.findFirst({
    where: { address, status: { not: "DELETED" } },
    select: { id: true, cleanmailPasswordHash: true },
  });
  const keys = throttleKeys("cleanmail", mailbox?.id ?? address, meta.ip);
  // Counted before the password is checked (issue 14).
  if (!(await reserveAttempt(db, keys, now, false)).allowed) return fail<CleanmailError>("throttled");
  let right: boolean;
  try {
    if (!mailbox?.cleanmailPasswordHash) await burnPasswordCheck(input.password);
    right = !!mailbox && (await verifyPassword(mailbox.cleanmailPasswordHash, input.password));
  } catch (error) {
    if (!(error instanceof PasswordWorkBusy)) throw error;
    await refundAttempt(db, keys);
    return fail<CleanmailError>("busy");
  }
  if (!mailbox || !right) return fail<CleanmailError>("invalid");
  await recordSuccess(db, keys);
  const session = await openSession(db, "CLEANMAIL", mailbox.id, now, meta);
  await recordAudit(
    db,
    { clock, actor: { kind: "MAILBOX", mailboxId: mailbox.id }, requestId: meta.requestId ?? "cleanmail" },
    { action: "cleanmail.login.password", subjectType: "MAILBOX", subjectId: mailbox.id, after: { ip: meta.ip } },
  );
  return ok({ sessionToken: session.token, mailboxId: mailbox.id });
}

function mailboxOf(ctx: ServiceContext): string | null {
  return ctx.actor.kind === "MAILBOX" ? ctx.actor.mailboxId : null;
}

/** R-CM-4, R-SEC-4: set (or replace, R-CM-5) the Cleanmail password from a Cleanmail session. */
export async function setCleanmailPassword(ctx: ServiceContext, input: { password: string; passwordRepeat: string }) {
  const mailboxId = mailboxOf(ctx);
  if (!mailboxId) return fail<CleanmailError>("notFound");
  const [problem] = cleanmailPasswordProblems(input.password, input.passwordRepeat);
  if (problem) return fail<CleanmailError>(`password.${problem}`, "password");
  const hash = await hashPassword(input.password);
  await ctx.db.$transaction(async (tx) => {
    await tx.mailbox.update({ where: { id: mailboxId }, data: { cleanmailPasswordHash: hash } });
    await recordAudit(tx, ctx, { action: "cleanmail.password", subjectType: "MAILBOX", subjectId: mailboxId, after: { set: true } });
  });
  return ok({ set: true });
}

/** Every report link of the mailbox stops working now (a link shared by mistake); sessions stay. */
export async function revokeLinks(ctx: ServiceContext) {
  const mailboxId = mailboxOf(ctx);
  if (!mailboxId) return fail<CleanmailError>("notFound");
  const now = ctx.clock.now();
  const revoked = await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.cleanmailLink.updateMany({
      where: { mailboxId, revokedAt: null, expiresAt: { gt: now } },
      data: { revokedAt: now },
    });
    await recordAudit(tx, ctx, {
      action: "cleanmail.links.revoked",
      subjectType: "MAILBOX",
      subjectId: mailboxId,
      after: { links: count },
    });
    return count;
  });
  return ok({ revoked });
}

/** The address whose Cleanmail this is (the heading of every Cleanmail page). */
export async function cleanmailAddress(db: Db, mailboxId: string): Promise<string> {
  return (await db.mailbox.findUniqueOrThrow({ where: { id: mailboxId }, select: { address: true } })).address;
}

/** R-CM-3: the mailbox's sender rules, by pattern. */
export function listSenderRules(db: Db, mailboxId: string) {
  return db.senderRule.findMany({ where: { mailboxId }, orderBy: { pattern: "asc" } });
}

/**
 * A mailbox user, signed in with the mailbox's password, opens its Cleanmail directly: a session
 * whose token goes to the browser only (R-SEC-8).
 */
export async function openCleanmailFromSettings(ctx: ServiceContext, meta: Meta) {
  const mailboxId = mailboxOf(ctx);
  if (!mailboxId) throw new Error("Cleanmail opens from the settings of a signed-in mailbox");
  const now = ctx.clock.now();
  const session = await openSession(ctx.db, "CLEANMAIL", mailboxId, now, meta);
  await ctx.db.$transaction((tx) =>
    recordAudit(tx, ctx, { action: "cleanmail.login.settings", subjectType: "MAILBOX", subjectId: mailboxId, after: { ip: meta.ip } }),
  );
  return session.token;
}

export async function listQuarantine(db: Db, mailboxId: string, now: Date, input: { q: string; page: number }) {
  const size = C.pageSize;
  const q = input.q.trim().slice(0, 100);
  const rows = await db.quarantinedMessage.findMany({
    where: {
      mailboxId,
      status: "QUARANTINED",
      expiresAt: { gt: now },
      ...(q
        ? {
            OR: [
              { sender: { contains: q, mode: "insensitive" } },
              { senderName: { contains: q, mode: "insensitive" } },
              { subject: { contains: q, mode: "insensitive" } },
            ],
          }
        : {}),
    },
    select: {
      id: true,
      sender: true,
      senderName: true,
      subject: true,
      sentAt: true,
      receivedAt: true,
      score: true,
      reason: true,
      malformed: true,
      sizeBytes: true,
      refusedAttachments: true,
    },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    skip: (input.page - 1) * size,
    take: size + 1,
  });
  return { messages: rows.slice(0, size), hasMore: rows.length > size };
}

export async function quarantinedMessage(db: Db, mailboxId: string, id: string, now: Date) {
  if (!isUuid(id)) return null;
  return db.quarantinedMessage.findFirst({ where: { id, mailboxId, status: "QUARANTINED", expiresAt: { gt: now } } });
}

/**
 * R-CM-3: release to the inbox, over SMTP to the mail platform, byte for byte. Ids of another
 * mailbox's messages are simply not found. Each message is marked released only once delivered.
 */
export async function releaseMessages(ctx: ServiceContext, transport: MailTransport, ids: string[]) {
  const mailboxId = mailboxOf(ctx);
  if (!mailboxId) return fail<CleanmailError>("notFound");
  if (ids.length === 0) return fail<CleanmailError>("noneSelected");
  const now = ctx.clock.now();
  const mailbox = await ctx.db.mailbox.findUniqueOrThrow({ where: { id: mailboxId }, select: { address: true } });
  const messages = await ctx.db.quarantinedMessage.findMany({
    where: { id: { in: ids.filter(isUuid) }, mailboxId, status: "QUARANTINED", expiresAt: { gt: now } },
    select: { id: true, raw: true, sender: true },
  });
  let released = 0;
  for (const m of messages) {
    // Claim first, so two clicks cannot deliver the same message twice.
    const { count } = await ctx.db.quarantinedMessage.updateMany({
      where: { id: m.id, status: "QUARANTINED" },
      data: { status: "RELEASED", decidedAt: now },
    });
    if (count !== 1) continue;
    try {
      await transport.sendRaw({ from: m.sender ?? "", to: [mailbox.address] }, Buffer.from(m.raw));
    } catch {
      await ctx.db.quarantinedMessage.update({ where: { id: m.id }, data: { status: "QUARANTINED", decidedAt: null } });
      return fail<CleanmailError>("deliveryFailed");
    }
    released++;
  }
  if (released > 0)
    await ctx.db.$transaction((tx) =>
      recordAudit(tx, ctx, { action: "cleanmail.release", subjectType: "MAILBOX", subjectId: mailboxId, after: { messages: released } }),
    );
  return ok({ released });
}

export async function deleteMessages(ctx: ServiceContext, ids: string[]) {
  const mailboxId = mailboxOf(ctx);
  if (!mailboxId) return fail<CleanmailError>("notFound");
  if (ids.length === 0) return fail<CleanmailError>("noneSelected");
  const now = ctx.clock.now();
  const deleted = await ctx.db.$transaction(async (tx) => {
    // The bytes go at once; the row stays as a record that the user deleted it.
    const { count } = await tx.quarantinedMessage.updateMany({
      where: { id: { in: ids.filter(isUuid) }, mailboxId, status: "QUARANTINED" },
      data: { status: "DELETED", decidedAt: now, raw: new Uint8Array(0) },
    });
    if (count > 0)
      await recordAudit(tx, ctx, { action: "cleanmail.delete", subjectType: "MAILBOX", subjectId: mailboxId, after: { messages: count } });
    return count;
  });
  return ok({ deleted });
}

/** "ola@example.com" or "example.com", lower case; null when it is neither. */
export function normaliseSenderPattern(input: string): string | null {
  const value = input.trim().toLowerCase().replace(/^@/, "");
  const domain = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
  if (value.includes("@")) {
    const [local = "", host = "", ...rest] = value.split("@");
    return rest.length === 0 && local.length > 0 && local.length <= 64 && /^[^\s<>()",;]+$/.test(local) && domain.test(host) ? value : null;
  }
  return domain.test(value) ? value : null;
}

export async function setSenderRule(ctx: ServiceContext, input: { pattern: string; kind: "ALLOW" | "BLOCK" }) {
  const mailboxId = mailboxOf(ctx);
  if (!mailboxId) return fail<CleanmailError>("notFound");
  const pattern = normaliseSenderPattern(input.pattern);
  if (!pattern) return fail<CleanmailError>("pattern.invalid", "pattern");
  await ctx.db.$transaction(async (tx) => {
    await tx.senderRule.upsert({
      where: { mailboxId_pattern: { mailboxId, pattern } },
      create: { mailboxId, pattern, kind: input.kind, createdAt: ctx.clock.now() },
      update: { kind: input.kind },
    });
    await recordAudit(tx, ctx, {
      action: "cleanmail.senderRule.set",
      subjectType: "MAILBOX",
      subjectId: mailboxId,
      after: { pattern, kind: input.kind },
    });
  });
  return ok({ pattern });
}

export async function removeSenderRule(ctx: ServiceContext, input: { ruleId: string }) {
  const mailboxId = mailboxOf(ctx);
  if (!mailboxId || !isUuid(input.ruleId)) return fail<CleanmailError>("notFound");
  return ctx.db.$transaction(async (tx) => {
    const rule = await tx.senderRule.findFirst({ where: { id: input.ruleId, mailboxId } });
    if (!rule) return fail<CleanmailError>("notFound");
    await tx.senderRule.delete({ where: { id: rule.id } });
    await recordAudit(tx, ctx, {
      action: "cleanmail.senderRule.remove",
      subjectType: "MAILBOX",
      subjectId: mailboxId,
      before: { pattern: rule.pattern, kind: rule.kind },
    });
    return ok({ pattern: rule.pattern });
  });
}

/**
 * The report job (R-CM-2): each mailbox with newly quarantined mail gets exactly one report per
 * run, listing the new messages, with a link good for 15 days.
 */
export async function sendQuarantineReports(db: Db, clock: Clock, config: { brand: string; portalUrl: string }) {
  const now = clock.now();
  const due = await db.quarantinedMessage.findMany({
    where: { status: "QUARANTINED", reportedAt: null, expiresAt: { gt: now } },
    select: { mailboxId: true },
    distinct: ["mailboxId"],
    take: 1000,
  });
  let reports = 0;
  for (const { mailboxId } of due) {
    const sent = await db.$transaction(async (tx) => {
      // Taken under a lock and re-read, so two runs at once report each message once.
      const fresh = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "QuarantinedMessage" WHERE "mailboxId" = ${mailboxId}::uuid AND status = 'QUARANTINED' AND "reportedAt" IS NULL
        ORDER BY "receivedAt" FOR UPDATE SKIP LOCKED`;
      if (fresh.length === 0) return false;
      const messages = await tx.quarantinedMessage.findMany({
        where: { id: { in: fresh.map((f) => f.id) } },
        select: { sender: true, senderName: true, subject: true, receivedAt: true },
        orderBy: { receivedAt: "desc" },
      });
      const mailbox = await tx.mailbox.findUniqueOrThrow({
        where: { id: mailboxId },
        select: { address: true, customer: { select: { locale: true } } },
      });
      const { token, hash } = newLinkToken();
      const expiresAt = addCalendarDays(now, C.reportLinkValidDays);
      await tx.cleanmailLink.create({ data: { mailboxId, tokenHash: hash, createdAt: now, expiresAt } });
      await tx.cleanmailReport.create({ data: { mailboxId, sentAt: now, messages: messages.length } });
      await tx.quarantinedMessage.updateMany({ where: { id: { in: fresh.map((f) => f.id) } }, data: { reportedAt: now } });
      const url = `${config.portalUrl}${linkPath(token)}`;
      await queueMail(
        tx,
        mailbox.address,
        composeQuarantineReport(mailbox.customer.locale, { address: mailbox.address, messages, url, expiresAt }, config.brand),
        now,
      );
      return true;
    });
    if (sent) reports++;
  }
  return reports;
}

/** Quarantined mail past its time (R-CM: default 30 days) is deleted for good. */
export async function expireQuarantine(db: Db, clock: Clock) {
  const { count } = await db.quarantinedMessage.deleteMany({ where: { expiresAt: { lte: clock.now() } } });
  return count;
}
