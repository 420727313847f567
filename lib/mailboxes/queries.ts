// Read models for Mine sider. No secrets: the client omits them by default (lib/db.ts).
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { deletionDueAt, mailboxStanding, type MailboxStanding } from "@/lib/lifecycle/rules";
import { warningSchedule, type Warning } from "@/lib/lifecycle/machine";
import { quotaShare } from "@/lib/mailboxes/rules";
import { POLICY } from "@/lib/policy";
import type { LoginProtocol } from "@/lib/generated/prisma/enums";

export const WARNING_NOTICE_KINDS = ["LOCK_WARNING_14", "LOCK_WARNING_7"] as const;

export type MailboxRow = {
  id: string;
  address: string;
  displayName: string;
  standing: MailboxStanding;
  plan: "INCLUDED" | "PAID";
  lastLoginAt: Date | null;
  /** The last login with how it came (R-PLAT-4); the protocol is unknown for logins before it was kept. */
  lastLogin: { at: Date; protocol: LoginProtocol | null } | null;
  lockDueAt: Date | null;
  /** The next inactivity warning of this cycle, if one is still to come (R-LC-2). */
  nextWarningAt: Date | null;
  /** A warning queued and not delivered yet: the lock waits for it (R-LC-6). */
  heldWarning: { kind: Warning["kind"]; since: Date } | null;
  lockReason: "INACTIVITY" | "BROADBAND_ENDED" | null;
  deletionDueAt: Date | null;
  deletedAt: Date | null;
  /** Storage used as the mail server last measured it (R-PLAT-4, R-ACC-6); null before its first measurement. */
  usage: { bytes: number; share: number; measuredAt: Date } | null;
  twoFactor: boolean;
  /** R-SEC-6: how many app passwords the mailbox has (never the passwords). */
  appPasswords: number;
  /** R-SEC-3: sending blocked until then (only while in force), and why. */
  sendBlockedUntil: Date | null;
  sendBlockReason: string | null;
};

type MailboxListRow = {
  id: string;
  address: string;
  displayName: string;
  status: "ACTIVE" | "LOCKED" | "DELETED";
  lockReason: "INACTIVITY" | "BROADBAND_ENDED" | null;
  plan: "INCLUDED" | "PAID";
  cycleStartedAt: Date;
  lastLoginAt: Date | null;
  lockedAt: Date | null;
  deletedAt: Date | null;
  lastLoginProtocol: LoginProtocol | null;
  usageBytes: bigint | null;
  usageMeasuredAt: Date | null;
  twoFactor: boolean;
  appPasswords: number;
  sendBlockedUntil: Date | null;
  sendBlockReason: string | null;
  warnings: { kind: Warning["kind"]; cycle: string; queuedAt: string; deliveredAt: string | null; deadline: string | null }[];
};

/**
 * Every mailbox of the customer with the lock dates its warnings were about: one SQL round trip.
 * This is the hottest read of the portal, and Prisma's query compiler cost three times the query
 * itself here (bench/http.ts); the columns are listed, so no secret can come along.
 */
export function listCustomerMailboxes(db: Db, customerId: string, now: Date): Promise<MailboxRow[]> {
  return mailboxRows(db, Prisma.sql`m."customerId" = ${customerId}::uuid`, now);
}

/**
 * One mailbox as every view shows it (Mine sider, the mailbox's own settings, the admin view):
 * the same standing, dates and figures as in its owner's list (issue 15).
 */
export async function mailboxSummary(db: Db, mailboxId: string, now: Date): Promise<MailboxRow | null> {
  const [row] = await mailboxRows(db, Prisma.sql`m.id = ${mailboxId}::uuid`, now);
  return row ?? null;
}

/** The one read model of a mailbox: its standing and dates from the lifecycle's own schedule. */
async function mailboxRows(db: Db, where: Prisma.Sql, now: Date): Promise<MailboxRow[]> {
  const mailboxes = await db.$queryRaw<MailboxListRow[]>`
    SELECT m.id, m.address, m."displayName", m.status::text AS status, m."lockReason"::text AS "lockReason",
           m.plan::text AS plan, m."cycleStartedAt", m."lastLoginAt", m."lockedAt", m."deletedAt",
           m."sendBlockedUntil", m."sendBlockReason", u.bytes AS "usageBytes", u.measured_at AS "usageMeasuredAt",
           (SELECT e.protocol::text FROM "LoginEvent" e WHERE e."mailboxId" = m.id AND e.at = m."lastLoginAt" LIMIT 1) AS "lastLoginProtocol",
           EXISTS (SELECT 1 FROM "TwoFactor" t WHERE t.kind = 'MAILBOX' AND t."principalId" = m.id AND t."enabledAt" IS NOT NULL) AS "twoFactor",
           (SELECT count(*)::int FROM "AppPassword" a WHERE a."mailboxId" = m.id AND a."revokedAt" IS NULL) AS "appPasswords",
           COALESCE(json_agg(json_build_object('kind', n.kind, 'cycle', n.cycle, 'queuedAt', n."queuedAt", 'deliveredAt', n."deliveredAt", 'deadline', n.deadline))
                    FILTER (WHERE n.id IS NOT NULL), '[]') AS warnings
    FROM "Mailbox" m
    LEFT JOIN "Notice" n ON n."mailboxId" = m.id AND n.kind IN (${WARNING_NOTICE_KINDS[0]}, ${WARNING_NOTICE_KINDS[1]})
    -- What Dovecot measured last (mail.usage, by mailbox: a rename keeps the figure).
    LEFT JOIN LATERAL (SELECT bytes, measured_at FROM mail.usage WHERE mailbox_id = m.id ORDER BY measured_at DESC LIMIT 1) u ON true
    WHERE ${where}
    GROUP BY m.id, u.bytes, u.measured_at
    ORDER BY m."createdAt", m.id`;
  return mailboxes.map((m) => {
    // The lifecycle's own schedule: a warning counts only for the lock date it announced (a later
    // login moves the date, R-LC-2), and a late warning moves the lock with it.
    const warnings = m.warnings.map((w) => ({
      kind: w.kind,
      cycle: utc(w.cycle),
      queuedAt: utc(w.queuedAt),
      deliveredAt: utcOrNull(w.deliveredAt),
      deadline: utcOrNull(w.deadline),
    }));
    const schedule = m.status === "ACTIVE" ? warningSchedule({ ...m, warnings }, now) : null;
    const due = schedule?.lockAt ?? null;
    const warned = schedule?.early != null;
    return {
      id: m.id,
      address: m.address,
      displayName: m.displayName,
      standing: mailboxStanding(m, now, warned),
      plan: m.plan,
      lastLoginAt: m.lastLoginAt,
      lastLogin: m.lastLoginAt && { at: m.lastLoginAt, protocol: m.lastLoginProtocol },
      lockDueAt: due,
      nextWarningAt: !schedule ? null : !schedule.early ? schedule.earlyDueAt : !schedule.late ? schedule.lateDueAt : null,
      heldWarning: schedule?.held ? { kind: schedule.held.kind, since: schedule.held.queuedAt } : null,
      lockReason: m.lockReason,
      deletionDueAt: m.status === "LOCKED" ? deletionDueAt(m) : null,
      deletedAt: m.deletedAt,
      usage:
        m.usageBytes === null || !m.usageMeasuredAt
          ? null
          : { bytes: Number(m.usageBytes), share: quotaShare(m.usageBytes), measuredAt: m.usageMeasuredAt },
      twoFactor: m.twoFactor,
      appPasswords: m.appPasswords,
      sendBlockedUntil: m.sendBlockedUntil && m.sendBlockedUntil > now ? m.sendBlockedUntil : null,
      sendBlockReason: m.sendBlockReason,
    };
  });
}

/** json_build_object writes a `timestamp` column without a zone; the portal stores UTC. */
function utc(value: string): Date {
  return new Date(/Z|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
}
const utcOrNull = (value: string | null) => (value === null ? null : utc(value));

/** Counts towards the limit and can be changed: active, or warned before a lock (R-ACC-2). */
export function isActiveStanding(standing: MailboxRow["standing"]): boolean {
  return standing === "active" || standing === "warned";
}

/**
 * What stands in the way of a new mailbox, or null: broadband has ended (R-PAY-1), or the customer
 * has as many active mailboxes as allowed (R-ACC-2). The service refuses the same; pages say it first.
 */
export function newMailboxBlock(rows: MailboxRow[], broadbandStatus: "ACTIVE" | "ENDED"): "broadband" | "limit" | null {
  if (broadbandStatus === "ENDED") return "broadband";
  const { active, max } = countActive(rows);
  return active >= max ? "limit" : null;
}

export function countActive(rows: MailboxRow[]): { active: number; max: number } {
  return {
    active: rows.filter((r) => isActiveStanding(r.standing)).length,
    max: POLICY.mailboxes.maxActivePerCustomer,
  };
}

/**
 * What else the mailbox page may need to show, in one indexed round trip: broadband status, and
 * whether there are offers (R-PAY-2) or moves (R-TR-1) at all. The page reads those only when
 * there are some, which is rare (bench/http.ts measures this page).
 */
export async function customerPageFlags(db: Db, customerId: string, now: Date) {
  const [row] = await db.$queryRaw<{ broadbandStatus: "ACTIVE" | "ENDED"; offers: boolean; transfers: boolean }[]>`
    SELECT c."broadbandStatus"::text AS "broadbandStatus",
           EXISTS (SELECT 1 FROM "PaidPlanOffer" o WHERE o."customerId" = c.id AND o.status IN ('PENDING', 'EXPIRED')) AS offers,
           EXISTS (SELECT 1 FROM "MailboxTransfer" t WHERE t.status = 'PENDING' AND t."expiresAt" > ${now}::timestamp
                   AND (t."toCustomerId" = c.id OR t."fromCustomerId" = c.id)) AS transfers
    FROM "Customer" c WHERE c.id = ${customerId}::uuid`;
  return row ?? { broadbandStatus: "ACTIVE" as const, offers: false, transfers: false };
}
