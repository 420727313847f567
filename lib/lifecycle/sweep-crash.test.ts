// Crash safety for real: a worker process is killed (SIGKILL) in the middle of a sweep, a new one
// runs; every mailbox gets its transition exactly once.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { createCustomer, createMailbox } from "@/test/factories";
import { fixedClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { addCalendarDays } from "@/lib/lifecycle/calendar";
import { lockDueAt } from "@/lib/lifecycle/rules";
import { sweepLifecycle } from "@/lib/lifecycle/sweep";

let db: Db;
let url: string;
let close: () => Promise<void>;
beforeAll(async () => ({ db, url, close } = await freshDatabase()));
afterAll(() => close());

describe("a worker killed mid-sweep", () => {
  it("loses nothing and doubles nothing", async () => {
    const start = new Date("2026-03-10T09:00:00Z");
    const owners = await Promise.all(Array.from({ length: 8 }, () => createCustomer(db)));
    const boxes = [];
    for (const owner of owners) {
      for (let i = 0; i < 5; i++)
        boxes.push(await createMailbox(db, owner.id, { cycleStartedAt: start, createdAt: start, lastLoginAt: null }));
    }
    const at = addCalendarDays(lockDueAt(boxes[0]!), -14);

    const child = spawn(process.execPath, ["--import", "tsx", "test/sweep-child.ts", url, at.toISOString()], { stdio: "inherit" });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    // Kill it once some batches are committed and others are not yet.
    await expect.poll(() => db.notice.count(), { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(10);
    child.kill("SIGKILL");
    await exited;
    const before = await db.notice.count();
    expect(before).toBeLessThan(40);

    const report = await sweepLifecycle(db, fixedClock(at));
    expect(report.warnings14).toBe(40 - before);
    const perMailbox = await db.notice.groupBy({ by: ["mailboxId"], _count: true });
    expect(perMailbox).toHaveLength(40);
    expect(perMailbox.every((g) => g._count === 1)).toBe(true);
    // Each notice has its two e-mails, never more (mailbox and customer).
    expect(await db.outgoingMail.count()).toBe(80);
  });
});
