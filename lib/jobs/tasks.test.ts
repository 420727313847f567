// The worker's wiring, end to end below the browser: a queued sweep job on graphile-worker finds a
// mailbox due a warning, and the warning crosses real SMTP into the sink, to mailbox and customer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fork } from "node:child_process";
import { quickAddJob, run, type Runner } from "graphile-worker";
import { unlockJobsOfDeadWorkers } from "@/lib/jobs/liveness";
import { freshDatabase } from "@/test/db";
import { createCustomer, createMailbox, TEST_COMMERCE, uniq } from "@/test/factories";
import { fixedClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { addCalendarDays } from "@/lib/lifecycle/calendar";
import { lockDueAt } from "@/lib/lifecycle/rules";
import { taskList } from "@/lib/jobs/tasks";
import { startSmtpSink, type SmtpSink } from "@/lib/mail/sink";
import { smtpTransport } from "@/lib/mail/transport";

let db: Db;
let url: string;
let close: () => Promise<void>;
let sink: SmtpSink;
beforeAll(async () => {
  ({ db, url, close } = await freshDatabase());
  sink = await startSmtpSink(db);
});
afterAll(async () => {
  await sink.close();
  await close();
});

async function until<T>(probe: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs the real worker with the portal's task list at a fixed time, for the length of `work`. */
async function withWorker(at: Date | string, work: (runner: Runner) => Promise<void>) {
  const transport = smtpTransport(sink.url);
  let runner: Runner | undefined;
  try {
    runner = await run({
      connectionString: url,
      concurrency: 1,
      pollInterval: 100,
      noHandleSignals: true,
      taskList: taskList({
        db,
        clock: async () => fixedClock(at),
        transport,
        mail: { from: "Altibox <ikke-svar@altibox.no>", brand: "Altibox", mailboxesUrl: TEST_COMMERCE.url },
        commerce: TEST_COMMERCE,
      }),
    });
    await work(runner);
  } finally {
    await runner?.stop();
    transport.close();
  }
}

describe("the worker's jobs", () => {
  it("a sweep job sends the 14-day warning over SMTP to the mailbox and the customer", async () => {
    const customer = await createCustomer(db);
    const start = new Date("2026-03-10T09:00:00Z");
    const box = await createMailbox(db, customer.id, { cycleStartedAt: start, createdAt: start, lastLoginAt: null });
    await withWorker(addCalendarDays(lockDueAt(box), -14), async (runner) => {
      await runner.addJob("lifecycle_sweep", {});
      const received = await until(async () => {
        const rows = await db.sinkMessage.findMany({ where: { subject: { contains: box.address } } });
        return rows.length >= 2 ? rows : null;
      });
      expect(received.flatMap((r) => r.to).sort()).toEqual([box.address, customer.email].sort());
      expect(received[0]!.subject).toBe(`E-postkontoen ${box.address} sperres torsdag 10. september 2026 kl. 10:00`);
      expect(received[0]!.html).toContain("Videresending teller ikke som innlogging.");
      // The sink has the message a moment before the worker marks it sent.
      await until(async () => (await db.outgoingMail.count({ where: { status: "SENT", notice: { mailboxId: box.id } } })) === 2);
    });
  });

  it("bills every month the worker missed, each once: down across two month starts (R-PAY-5)", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id, { address: `${uniq("faktura")}@altibox.no` });
    await db.paidPeriod.create({
      data: { mailboxId: box.id, customerId: customer.id, startsAt: new Date("2026-10-10T10:00:00Z"), priceOre: 3900 },
    });
    // The last month billed before the worker went down; no run on 1 November or 1 December.
    await db.jobProgress.create({ data: { job: "monthly_invoices", completedThrough: "2026-09" } });
    // Twice: the second run bills nothing again.
    for (let round = 0; round < 2; round++) {
      await withWorker("2026-12-02T07:00:00Z", async (runner) => {
        const job = await runner.addJob("monthly_invoices", {});
        await until(
          async () =>
            (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE id = ${job.id}`)[0]!.n === 0,
        );
        await until(async () => (await db.outgoingMail.count({ where: { to: customer.email, status: "PENDING" } })) === 0);
      });
      expect(
        (await db.invoice.findMany({ where: { customerId: customer.id }, orderBy: { month: "asc" } })).map((i) => [i.month, i.totalOre]),
      ).toEqual([
        ["2026-10", 2768],
        ["2026-11", 3900],
      ]);
    }
    const received = await db.sinkMessage.findMany({ where: { to: { has: customer.email } }, orderBy: { id: "asc" } });
    expect(received.map((r) => r.subject.replace(/\d+/, "N")).sort()).toEqual([
      "Faktura N for e-post, november 2026",
      "Faktura N for e-post, oktober 2026",
    ]);
    expect((await db.jobProgress.findUniqueOrThrow({ where: { job: "monthly_invoices" } })).completedThrough).toBe("2026-11");
  });

  it("gives a killed worker's job to another within the minute, not after four hours", async () => {
    const child = fork("test/worker-child.ts", [url], { execArgv: ["--import", "tsx"], stdio: "inherit" });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    await new Promise((resolve) => child.on("message", resolve));
    const job = await quickAddJob({ connectionString: url }, "hang", {});
    const lockedBy = async () =>
      (await db.$queryRaw<{ locked_by: string | null }[]>`SELECT locked_by FROM graphile_worker.jobs WHERE id = ${job.id}`)[0]?.locked_by ??
      null;
    const worker = await until(lockedBy);
    // Alive: its job stays with it.
    expect(await unlockJobsOfDeadWorkers(db, { lockedForSeconds: 0 })).toEqual([]);
    child.kill("SIGKILL");
    await exited;
    await until(async () => (await unlockJobsOfDeadWorkers(db, { lockedForSeconds: 0 })).includes(worker));
    expect(await lockedBy()).toBeNull();
  });
});
