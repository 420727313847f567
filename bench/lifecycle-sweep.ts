// Child process of bench/lifecycle.ts: one full sweep, then its figures and its peak memory
// (VmHWM, the kernel's high-water mark of resident memory) as one JSON line.
import { readFileSync } from "node:fs";
import { createPrismaClient } from "@/lib/db";
import { fixedClock } from "@/lib/clock";
import { sweepLifecycle } from "@/lib/lifecycle/sweep";
import { args } from "@/test/lists";

const [url, at] = args("database url", "sweep time");
const db = createPrismaClient(url);
const started = performance.now();
const report = await sweepLifecycle(db, fixedClock(at));
const seconds = (performance.now() - started) / 1000;
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
console.log(JSON.stringify({ report, seconds, peakRssMb: hwm ? Number(hwm) / 1024 : null }));
await db.$disconnect();
