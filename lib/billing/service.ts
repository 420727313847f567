// The monthly invoice run (R-PAY-5, R-PAY-7): one invoice per paying customer and month, a line per
// paid mailbox (pro-rated by days), sent by e-mail. The (customer, month) key makes a second run of
// the same month create nothing.
import type { ServiceContext } from "@/lib/actor";
import type { Clock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/service";
import { isUniqueViolation } from "@/lib/errors/domain";
import { addCalendarDays } from "@/lib/lifecycle/calendar";
import { billForMonth, monthBounds, nextMonth, osloMonth, previousMonth } from "@/lib/billing/rules";
import { composeInvoice } from "@/lib/notices/commerce";
import { queueMail } from "@/lib/outbox";
import { POLICY } from "@/lib/policy";

export type InvoiceConfig = { brand: string; url: string };

export async function invoiceMonth(db: Db, clock: Clock, month: string, config: InvoiceConfig, requestId: string) {
  const { start, end } = monthBounds(month);
  const now = clock.now();
  const ctx: ServiceContext = { db, clock, actor: { kind: "SYSTEM", process: "invoicing" }, requestId };
  const customers = await db.$queryRaw<{ customerId: string }[]>`
    SELECT DISTINCT "customerId" FROM "PaidPeriod"
    WHERE "startsAt" < ${end}::timestamp AND ("endsAt" IS NULL OR "endsAt" > ${start}::timestamp)`;
  let created = 0;
  for (const { customerId } of customers) {
    try {
      const made = await db.$transaction(async (tx) => {
        if (await tx.invoice.findUnique({ where: { customerId_month: { customerId, month } } })) return false;
        const customer = await tx.customer.findUniqueOrThrow({ where: { id: customerId }, select: { email: true, locale: true } });
        const periods = await tx.paidPeriod.findMany({
          where: { customerId, startsAt: { lt: end }, OR: [{ endsAt: null }, { endsAt: { gt: start } }] },
          include: { mailbox: { select: { address: true } } },
          orderBy: { startsAt: "asc" },
        });
        const lines = periods.flatMap((p) => {
          const bill = billForMonth(p, month);
          return bill ? [{ mailboxId: p.mailboxId, address: p.mailbox.address, ...bill }] : [];
        });
        if (lines.length === 0) return false;
        const totalOre = lines.reduce((sum, l) => sum + l.amountOre, 0);
        const invoice = await tx.invoice.create({
          data: {
            customerId,
            month,
            totalOre,
            dueAt: addCalendarDays(now, POLICY.paidPlan.invoiceDueDays),
            createdAt: now,
            lines: { create: lines },
          },
        });
        await queueMail(tx, customer.email, composeInvoice(customer.locale, { ...invoice, lines }, config), now);
        await recordAudit(tx, ctx, {
          action: "invoice.create",
          subjectType: "CUSTOMER",
          subjectId: customerId,
          after: { invoice: invoice.number, month, totalOre, lines: lines.length },
        });
        return true;
      });
      if (made) created++;
    } catch (error) {
      // Another run made this customer's invoice at the same moment: nothing to add.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return { customers: customers.length, created };
}

const INVOICE_JOB = "monthly_invoices";

/**
 * R-PAY-5: every complete month not billed yet, oldest first: after downtime the months missed
 * are billed too, each once. The last month done is recorded (JobProgress); without a record, the
 * run starts at the month of the first paid period (invoiceMonth itself never bills a customer's
 * month twice). A failure stops the run at that month, and the next run starts there.
 */
export async function invoiceMissedMonths(db: Db, clock: Clock, config: InvoiceConfig, requestId: string) {
  const last = previousMonth(osloMonth(clock.now()));
  const progress = await db.jobProgress.findUnique({ where: { job: INVOICE_JOB } });
  const first = progress ? null : await db.paidPeriod.findFirst({ orderBy: { startsAt: "asc" }, select: { startsAt: true } });
  let month = progress
    ? nextMonth(progress.completedThrough)
    : first && osloMonth(first.startsAt) < last
      ? osloMonth(first.startsAt)
      : last;
  const done: ({ month: string } & Awaited<ReturnType<typeof invoiceMonth>>)[] = [];
  for (; month <= last; month = nextMonth(month)) {
    done.push({ month, ...(await invoiceMonth(db, clock, month, config, requestId)) });
    // Never backwards, when two workers run the job at once.
    await db.$executeRaw`
      INSERT INTO "JobProgress" (job, "completedThrough", "updatedAt") VALUES (${INVOICE_JOB}, ${month}, ${clock.now()}::timestamp)
      ON CONFLICT (job) DO UPDATE SET "completedThrough" = GREATEST("JobProgress"."completedThrough", EXCLUDED."completedThrough"), "updatedAt" = EXCLUDED."updatedAt"`;
  }
  return done;
}

/**
 * The customer's invoices for Mine sider, newest first, and how many mailboxes they pay for now
 * (an empty page says something else to a paying customer than to one whose e-mail is included).
 */
export async function customerInvoices(db: Db, customerId: string) {
  const [invoices, paying] = await Promise.all([
    db.invoice.findMany({ where: { customerId }, include: { lines: { orderBy: { fromDate: "asc" } } }, orderBy: { month: "desc" } }),
    db.paidPeriod.count({ where: { customerId, endsAt: null } }),
  ]);
  return { invoices, paying };
}
