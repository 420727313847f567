// Read models of the admin view (issue 5): the customer page and the mailbox page with its
// lifecycle clock and timeline. Columns are listed or the client's omissions apply: no password
// hash, TOTP secret, recovery code or link token can reach an agent's page (R-ADM-1).
import type { Db } from "@/lib/db";
import { composeStored, type MailConfig } from "@/lib/mail/delivery";
import { countActive, listCustomerMailboxes } from "@/lib/mailboxes/queries";
import { POLICY } from "@/lib/policy";
import { platformEventBacklog } from "@/lib/mail-platform/events";
import { twoFactorStatus } from "@/lib/two-factor/service";
import { redactLinkTokens } from "@/lib/crypto/link-tokens";

export async function customerDossier(db: Db, customerId: string, now: Date) {
  const customer = await db.customer.findUnique({
    where: { id: customerId },
    select: {
      id: true,
      customerNumber: true,
      name: true,
      email: true,
      phone: true,
      broadbandStatus: true,
      broadbandEndedAt: true,
      invoiceChannel: true,
      locale: true,
      createdAt: true,
      updatedAt: true,
    },
  });
  if (!customer) return null;
  const [mailboxes, twoFactor] = await Promise.all([
    listCustomerMailboxes(db, customerId, now),
    twoFactorStatus(db, { kind: "CUSTOMER", id: customerId }),
  ]);
  return { customer, mailboxes, active: countActive(mailboxes), twoFactor: twoFactor.on };
}

export type TimelineEntry =
  | { type: "login"; at: Date; protocol: string }
  | {
      type: "mail";
      at: Date;
      kind: string | null;
      subject: string;
      text: string;
      status: string;
      attempts: number;
      lastError: string | null;
      sentAt: Date | null;
      to: string;
    }
  | { type: "audit"; at: Date; action: string; actorKind: string; actor: string | null; before: unknown; after: unknown };

type TimelineRow = { type: "login" | "mail" | "audit"; at: Date; ref: string };

export async function mailboxDossier(db: Db, mailboxId: string, now: Date, mail: MailConfig) {
  const mailbox = await db.mailbox.findUnique({
    where: { id: mailboxId },
    select: {
      id: true,
      address: true,
      displayName: true,
      status: true,
      lockReason: true,
      plan: true,
      customerId: true,
      createdAt: true,
      cycleStartedAt: true,
      lastLoginAt: true,
      lockedAt: true,
      deletedAt: true,
      sendBlockedUntil: true,
      updatedAt: true,
      customer: { select: { id: true, name: true, customerNumber: true, broadbandStatus: true } },
      addresses: { select: { address: true, issuedAt: true, retiredAt: true, retiredBecause: true }, orderBy: { issuedAt: "asc" } },
    },
  });
  if (!mailbox) return null;
  const limit = POLICY.adminActions.timelineEntries;
  const addresses = mailbox.addresses.map((a) => a.address);
  const [rows, lastByProtocol, list, twoFactor, quarantineCount, cleanmailReports, platform] = await Promise.all([
    // The newest entries of each source, then the newest of them all.
    db.$queryRaw<TimelineRow[]>`
      SELECT * FROM (
        (SELECT 'login' AS type, l.at, l.id::text AS ref FROM "LoginEvent" l WHERE l."mailboxId" = ${mailboxId}::uuid ORDER BY l.at DESC LIMIT ${limit})
        UNION ALL
        (SELECT 'mail', o."createdAt", o.id::text FROM "OutgoingMail" o WHERE o."to" = ANY(${addresses}) ORDER BY o."createdAt" DESC LIMIT ${limit})
        UNION ALL
        (SELECT 'mail', o."createdAt", o.id::text FROM "Notice" n JOIN "OutgoingMail" o ON o."noticeId" = n.id
         WHERE n."mailboxId" = ${mailboxId}::uuid AND NOT (o."to" = ANY(${addresses})) ORDER BY o."createdAt" DESC LIMIT ${limit})
        UNION ALL
        (SELECT 'audit', a.at, a.id::text FROM "AuditEvent" a WHERE a."subjectType" = 'MAILBOX' AND a."subjectId" = ${mailboxId} ORDER BY a.at DESC LIMIT ${limit})
      ) t ORDER BY at DESC, type LIMIT ${limit}`,
    db.$queryRaw<{ protocol: string; at: Date }[]>`
      SELECT protocol::text, max(at) AS at FROM "LoginEvent" WHERE "mailboxId" = ${mailboxId}::uuid GROUP BY protocol ORDER BY 2 DESC`,
    listCustomerMailboxes(db, mailbox.customerId, now),
    twoFactorStatus(db, { kind: "MAILBOX", id: mailboxId }),
    // Agents see how much is held back and which reports went out, never the messages (issue 7).
    db.quarantinedMessage.count({ where: { mailboxId, status: "QUARANTINED", expiresAt: { gt: now } } }),
    db.cleanmailReport.findMany({ where: { mailboxId }, orderBy: { sentAt: "desc" }, take: 10, select: { sentAt: true, messages: true } }),
    // R-PLAT-3: what of this mailbox's changes the mail servers have not applied yet.
    platformEventBacklog(db, mailboxId),
  ]);
  const row = list.find((r) => r.id === mailboxId)!;
  // R-LC-6: a warning that has not been delivered holds the lock; agents see the server's last answer.
  const held = row.heldWarning && {
    ...row.heldWarning,
    mail: await db.outgoingMail.findFirst({
      where: { notice: { mailboxId, kind: row.heldWarning.kind, deliveredAt: null } },
      orderBy: [{ attempts: "desc" }, { createdAt: "desc" }],
      select: { attempts: true, lastError: true, status: true },
    }),
  };

  const ids = (type: TimelineRow["type"]) => rows.filter((r) => r.type === type).map((r) => r.ref);
  const [logins, mails, audits] = await Promise.all([
    db.loginEvent.findMany({ where: { id: { in: ids("login").map(BigInt) } }, select: { id: true, protocol: true } }),
    db.outgoingMail.findMany({
      where: { id: { in: ids("mail") } },
      select: {
        id: true,
        noticeId: true,
        to: true,
        subject: true,
        text: true,
        html: true,
        status: true,
        attempts: true,
        lastError: true,
        sentAt: true,
        notice: { select: { kind: true } },
      },
    }),
    db.auditEvent.findMany({ where: { id: { in: ids("audit").map(BigInt) } } }),
  ]);
  const composed = await composeStored(db, mails, mail, now);
  const agentIds = [...new Set(audits.filter((a) => a.actorKind === "AGENT" && a.actorId).map((a) => a.actorId!))];
  const agents = new Map(
    (await db.agent.findMany({ where: { id: { in: agentIds } }, select: { id: true, name: true } })).map((a) => [a.id, a.name]),
  );

  const timeline = rows.map((r): TimelineEntry => {
    if (r.type === "login") return { type: "login", at: r.at, protocol: logins.find((l) => String(l.id) === r.ref)?.protocol ?? "" };
    if (r.type === "mail") {
      const m = mails.find((x) => x.id === r.ref)!;
      const message = composed.get(m.id)!;
      // A report's login link is the mailbox user's, not the agent's: hidden even before it is sent.
      return {
        type: "mail",
        at: r.at,
        kind: m.notice?.kind ?? null,
        subject: message.subject,
        text: redactLinkTokens(message.text),
        status: m.status,
        attempts: m.attempts,
        lastError: m.lastError,
        sentAt: m.sentAt,
        to: m.to,
      };
    }
    const a = audits.find((x) => String(x.id) === r.ref)!;
    const actor = a.actorKind === "AGENT" ? (agents.get(a.actorId ?? "") ?? null) : a.actorId;
    return { type: "audit", at: r.at, action: a.action, actorKind: a.actorKind, actor, before: a.before, after: a.after };
  });

  return { mailbox, row, held, lastByProtocol, twoFactor: twoFactor.on, timeline, quarantineCount, cleanmailReports, platform };
}
