// A worker process for the crash test: sweeps slowly (a pause after each batch) until it is killed.
import { createPrismaClient } from "@/lib/db";
import { fixedClock } from "@/lib/clock";
import { sweepLifecycle } from "@/lib/lifecycle/sweep";
import { args } from "@/test/lists";

const [url, at] = args("database url", "sweep time");
const db = createPrismaClient(url);
await sweepLifecycle(db, fixedClock(at), {
  batchSize: 5,
  onBatchApplied: () => new Promise((resolve) => setTimeout(resolve, 300)),
});
await db.$disconnect();
