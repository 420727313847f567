// Time for a request or a job. Normally the system clock. In test mode (PORTAL_TEST_MODE=1, which
// the end-to-end server sets, and which refuses to start against anything but a local database) the
// time is moved by the offset in TestClock, so a browser test can live through six months.
import { fixedClock, systemClock, type Clock } from "@/lib/clock";
import type { Db } from "@/lib/db";

export function testModeEnabled(): boolean {
  return process.env.PORTAL_TEST_MODE === "1";
}

/** Refuses test mode against a database that is not on this machine. */
export function assertTestModeIsSafe(databaseUrl: string): void {
  if (!testModeEnabled()) return;
  const host = new URL(databaseUrl).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`PORTAL_TEST_MODE=1 er bare tillatt mot en lokal database, ikke ${host}.`);
  }
}

/** The clock for one request or job: read once, then fixed for its duration. */
export async function requestClock(db: Db): Promise<Clock> {
  if (!testModeEnabled()) return systemClock;
  const row = await db.testClock.findUnique({ where: { id: 1 } });
  return fixedClock(new Date(Date.now() + Number(row?.offsetMs ?? 0)));
}

export async function setTestClock(db: Db, target: Date): Promise<void> {
  if (!testModeEnabled()) throw new Error("The test clock exists only in test mode.");
  const offsetMs = BigInt(target.getTime() - Date.now());
  await db.testClock.upsert({ where: { id: 1 }, create: { id: 1, offsetMs }, update: { offsetMs } });
}
