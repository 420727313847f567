// The background jobs, on graphile-worker (PostgreSQL-backed: SKIP LOCKED, retries, cron), so
// several workers can run side by side and a crash loses no job. No in-process timers. Every
// periodic job is idempotent and catches up after downtime: the sweep and the deadlines act on
// whatever is due by now (and run when a worker starts), the invoices bill every month not billed
// yet, and graphile-worker backfills a missed daily run (`fill`) when a worker comes back.
import type { CronItem, TaskList } from "graphile-worker";
import type { Clock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { sweepLifecycle } from "@/lib/lifecycle/sweep";
import { deliverDueMail, type MailConfig } from "@/lib/mail/delivery";
import type { MailTransport } from "@/lib/mail/transport";
import { POLICY } from "@/lib/policy";
import { applyDueBroadbandEvents, type CommerceConfig } from "@/lib/broadband/service";
import { expireDueOffers } from "@/lib/broadband/offers";
import { invoiceMissedMonths, invoiceMonth } from "@/lib/billing/service";
import { expireQuarantine, sendQuarantineReports } from "@/lib/cleanmail/service";
import { forgetOldSending } from "@/lib/sending/service";
import { isMonth } from "@/lib/billing/rules";
import { unlockJobsOfDeadWorkers } from "@/lib/jobs/liveness";
import { applyServerLogins } from "@/lib/lifecycle/server-logins";
import { metrics } from "@/lib/metrics";

/** `clock` is asked once per job: the system clock, or the test clock in test mode. */
export type JobDeps = { db: Db; clock: () => Promise<Clock>; transport: MailTransport; mail: MailConfig; commerce: CommerceConfig };

export const crontab = [
  // A failed run is tried again (max: attempts, with graphile-worker's growing waits); the next
  // quarter's run would catch up too.
  `${POLICY.sweep.cron} lifecycle_sweep ?max=3`,
  `* * * * * deliver_mail ?max=1`,
  // Jobs of a worker that died are given back within a minute (lib/jobs/liveness.ts).
  `* * * * * unlock_stale_jobs ?max=1`,
  // R-PLAT-4: the mail servers' logins (mail.logins) into the lifecycle, in batches.
  `* * * * * server_logins ?max=1`,
  // Offers past their deadline, and broadband events whose day has come.
  `${POLICY.sweep.cron} paid_plan_deadlines ?max=3`,
  // R-PAY-5: every month gone by that is not billed yet (daily, so a missed 1st is made up the
  // next morning, or when a worker comes back within two days); a month is billed once.
  `0 5 * * * monthly_invoices ?max=10&fill=2d`,
  // R-CM-2: quarantine reports once a day (early morning in Oslo), and old quarantine let go.
  `0 5 * * * cleanmail_reports ?max=5&fill=1d`,
].join("\n");

export function taskList(deps: JobDeps): TaskList {
  return {
    async lifecycle_sweep(_payload, helpers) {
      const timer = metrics().sweepDuration.startTimer();
      const report = await sweepLifecycle(deps.db, await deps.clock(), { requestId: `job-${helpers.job.id}` });
      timer();
      for (const transition of ["warnings14", "warnings7", "locked", "deleted", "held"] as const) {
        metrics().sweepTransitions.inc({ transition }, report[transition]);
      }
      // The sending counts outside the 60-minute window (R-SEC-3) are of no use any more.
      await forgetOldSending(deps.db, (await deps.clock()).now());
      helpers.logger.info(`lifecycle sweep: ${JSON.stringify(report)}`);
      // The notices it wrote go out now rather than at the next minute.
      if (report.notices > 0) await helpers.addJob("deliver_mail", {}, { jobKey: "deliver_mail" });
    },
    async paid_plan_deadlines(_payload, helpers) {
      const clock = await deps.clock();
      const requestId = `job-${helpers.job.id}`;
      const applied = await applyDueBroadbandEvents(deps.db, clock, deps.commerce, requestId);
      const expired = await expireDueOffers(deps.db, clock, deps.commerce, requestId);
      helpers.logger.info(`paid plan: ${applied} broadband changes applied, ${expired} offers expired`);
      await helpers.addJob("deliver_mail", {}, { jobKey: "deliver_mail" });
    },
    async monthly_invoices(payload, helpers) {
      const clock = await deps.clock();
      const requestId = `job-${helpers.job.id}`;
      // A month may be named (to re-run one by hand); otherwise every month gone by not billed yet.
      const named = (payload as { month?: unknown } | null)?.month;
      const report =
        typeof named === "string" && isMonth(named)
          ? [{ month: named, ...(await invoiceMonth(deps.db, clock, named, deps.commerce, requestId)) }]
          : await invoiceMissedMonths(deps.db, clock, deps.commerce, requestId);
      helpers.logger.info(`invoices: ${JSON.stringify(report)}`);
      await helpers.addJob("deliver_mail", {}, { jobKey: "deliver_mail" });
    },
    async unlock_stale_jobs(_payload, helpers) {
      const dead = await unlockJobsOfDeadWorkers(deps.db);
      if (dead.length) helpers.logger.info(`jobs of ${dead.length} stopped workers given back`);
    },
    async server_logins(_payload, helpers) {
      const { applied, refused } = await applyServerLogins(deps.db, await deps.clock(), `job-${helpers.job.id}`);
      if (applied + refused > 0) helpers.logger.info(`mail server logins: ${applied} applied, ${refused} refused`);
      // A login may have reopened a mailbox: its notice goes out now.
      if (applied > 0) await helpers.addJob("deliver_mail", {}, { jobKey: "deliver_mail" });
    },
    async cleanmail_reports(_payload, helpers) {
      const clock = await deps.clock();
      const expired = await expireQuarantine(deps.db, clock);
      const reports = await sendQuarantineReports(deps.db, clock, {
        brand: deps.commerce.brand,
        portalUrl: new URL(deps.commerce.url).origin,
      });
      helpers.logger.info(`cleanmail: ${reports} reports, ${expired} expired messages removed`);
      if (reports > 0) await helpers.addJob("deliver_mail", {}, { jobKey: "deliver_mail" });
    },
    async deliver_mail(_payload, helpers) {
      // Bounded: at most a few rounds per job; the cron picks up the rest.
      const clock = await deps.clock();
      for (let round = 0; round < 20; round++) {
        const { leased, sent, failed } = await deliverDueMail(deps.db, deps.transport, clock, deps.mail);
        if (leased > 0) helpers.logger.info(`mail: ${sent} sent, ${failed} failed`);
        if (leased === 0) break;
      }
    },
  };
}

export type { CronItem };
