// Read models for Mine sider. No secrets: the client omits them by default (lib/db.ts).
import type { Db } from "@/lib/db";
import { lockDueAt, deletionDueAt, mailboxStanding, type MailboxStanding } from "@/lib/lifecycle/rules";
import { quotaShare } from "@/lib/mailboxes/rules";
import { POLICY } from "@/lib/policy";

export const WARNING_NOTICE_KINDS = ["LOCK_WARNING_14", "LOCK_WARNING_7"] as const;

export type MailboxRow = {
  id: string;
  address: string;
  displayName: string;
  standing: MailboxStanding;
  plan: "INCLUDED" | "PAID";
  lastLoginAt: Date | null;
  lockDueAt: Date | null;
  deletionDueAt: Date | null;
  deletedAt: Date | null;
  usedBytes: number;
  quotaShare: number;
  twoFactor: boolean;
};

export async function listCustomerMailboxes(db: Db, customerId: string, now: Date): Promise<MailboxRow[]> {
  const mailboxes = await db.mailbox.findMany({
    where: { customerId },
    orderBy: [{ createdAt: "asc" }],
    include: { notices: { where: { kind: { in: [...WARNING_NOTICE_KINDS] } }, select: { cycle: true } } },
  });
  return mailboxes.map((m) => {
    const due = m.status === "ACTIVE" ? lockDueAt(m) : null;
    // A warning counts only for the lock date it warned about: a later login moves the date (R-LC-2).
    const warned = due !== null && m.notices.some((n) => n.cycle.getTime() === due.getTime());
    return {
      id: m.id,
      address: m.address,
      displayName: m.displayName,
      standing: mailboxStanding(m, now, warned),
      plan: m.plan,
      lastLoginAt: m.lastLoginAt,
      lockDueAt: due,
      deletionDueAt: m.status === "LOCKED" ? deletionDueAt(m) : null,
      deletedAt: m.deletedAt,
      usedBytes: Number(m.usedBytes),
      quotaShare: quotaShare(m.usedBytes),
      twoFactor: m.totpEnabledAt !== null,
    };
  });
}

export function countActive(rows: MailboxRow[]): { active: number; max: number } {
  return {
    active: rows.filter((r) => r.standing === "active" || r.standing === "warned").length,
    max: POLICY.mailboxes.maxActivePerCustomer,
  };
}
