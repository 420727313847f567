// Jobs held by a worker that died are given back within a minute, not after graphile-worker's four
// hours. Each live worker holds a session advisory lock named after its worker id on a connection
// of its own; PostgreSQL lets go of it the moment that connection ends (the process was killed)
// or its keepalives stop being answered (the machine is gone). A job locked by a worker whose
// advisory lock can be taken is therefore an orphan, and is unlocked for the next worker.
import pg from "pg";
import type { WorkerEvents } from "graphile-worker";
import type { Db } from "@/lib/db";
import { POLICY } from "@/lib/policy";

/** The first key of the two-key advisory locks ("jobs"); the two-key space is apart from the one-key one. */
const NAMESPACE = 0x6a6f6273;

/**
 * Holds an advisory lock for every worker graphile-worker starts in this process. When the
 * connection is lost (the database restarted), it connects again with growing waits and takes
 * the locks again; meanwhile the jobs of this process may be given to others, which the jobs,
 * being idempotent, allow.
 */
export async function holdWorkerLiveness(connectionString: string, events: WorkerEvents) {
  const ids: string[] = [];
  let client: pg.Client | null = null;
  let closed = false;
  let wait = 500;
  const lock = (c: pg.Client, id: string) => c.query("SELECT pg_advisory_lock($1, hashtext($2))", [NAMESPACE, id]);

  async function connect(): Promise<void> {
    const c = new pg.Client({
      connectionString,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      connectionTimeoutMillis: POLICY.database.connectTimeoutMs,
    });
    c.on("error", () => reconnect(c));
    try {
      await c.connect();
      // The server notices a vanished machine within about a minute, not the system's two hours.
      await c.query("SET tcp_keepalives_idle = 20; SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3");
      for (const id of ids) await lock(c, id);
      client = c;
      wait = 500;
    } catch {
      reconnect(c);
    }
  }
  function reconnect(lost: pg.Client) {
    if (closed || (client && client !== lost)) return;
    client = null;
    lost.end().catch(() => {});
    setTimeout(() => void connect(), wait).unref();
    wait = Math.min(wait * 2, 30_000);
  }

  const held: Promise<unknown>[] = [];
  // Jobs are locked in the name of the pool (graphile-worker's local queue) or of one worker.
  const hold = (id: string) => {
    ids.push(id);
    if (client) held.push(lock(client, id).catch(() => {}));
  };
  events.on("pool:create", ({ workerPool }) => hold(workerPool.id));
  events.on("worker:create", ({ worker }) => hold(worker.workerId));
  await connect();
  return {
    ready: () => Promise.all(held),
    close: async () => {
      closed = true;
      await client?.end().catch(() => {});
    },
  };
}

/**
 * Unlocks the jobs of workers that no longer hold their liveness lock (asking only about jobs
 * locked for a while: a worker takes its lock a moment after it starts); returns those workers.
 */
export async function unlockJobsOfDeadWorkers(db: Db, { lockedForSeconds = 30 } = {}): Promise<string[]> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ worker: string }[]>`
      SELECT w.worker FROM (
        SELECT DISTINCT locked_by AS worker FROM graphile_worker.jobs
        WHERE locked_by IS NOT NULL AND locked_at <= now() - make_interval(secs => ${lockedForSeconds})) w
      WHERE pg_try_advisory_xact_lock(${NAMESPACE}::int, hashtext(w.worker))`;
    const dead = rows.map((r) => r.worker);
    if (dead.length) await tx.$executeRaw`SELECT graphile_worker.force_unlock_workers(${dead}::text[])`;
    return dead;
  });
}
