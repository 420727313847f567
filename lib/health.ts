// Health for load balancers and supervisors (issue 19), the same on every process: `/healthz` is
// alive (no dependencies: a process that answers is alive), `/readyz` is ready for work — the
// database answers within a bound, every migration this build ships is applied, and the process is
// not shutting down. The web tier answers both on its own port; the worker and the policy server
// on a small HTTP port of their own (HEALTH_PORT). The answer is cached briefly, so a probe every
// second costs one query a second whatever the number of probes.
import { existsSync, readdirSync } from "node:fs";
import http from "node:http";
import pg from "pg";
import { POLICY } from "@/lib/policy";
import { METRICS_CONTENT_TYPE, metricsText } from "@/lib/metrics";

export type ReadinessReport = { ready: boolean; checks: Record<string, "ok" | string> };

export type Readiness = {
  check(): Promise<ReadinessReport>;
  /** From now on not ready: the load balancer stops sending work here. */
  shutDown(): void;
  close(): Promise<void>;
};

/** The migrations a build ships, oldest first (prisma/migrations' directories sort by time). */
export function migrationNames(migrationsDir: string): string[] {
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** The newest migration this build ships. */
export function latestMigration(migrationsDir: string): string | null {
  return migrationNames(migrationsDir).at(-1) ?? null;
}

export function createReadiness(options: { databaseUrl: string; migrationsDir: string }): Readiness {
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: 1,
    connectionTimeoutMillis: POLICY.operations.readinessTimeoutMs,
    idleTimeoutMillis: 30_000,
    statement_timeout: POLICY.operations.readinessTimeoutMs,
    query_timeout: POLICY.operations.readinessTimeoutMs,
  });
  // A connection that dies while idle is replaced at the next probe; it must not end the process.
  pool.on("error", () => {});
  const latest = latestMigration(options.migrationsDir);
  let shuttingDown = false;
  let cached: { at: number; report: Promise<ReadinessReport> } | null = null;

  async function measure(): Promise<ReadinessReport> {
    const checks: Record<string, string> = { shutdown: shuttingDown ? "shutting down" : "ok" };
    try {
      const { rows } = await pool.query<{ applied: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM _prisma_migrations WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL) AS applied`,
        [latest],
      );
      checks.database = "ok";
      checks.migrations = latest === null || rows[0]?.applied ? "ok" : `${latest} is not applied`;
    } catch {
      // No error text: it can carry hosts and users, and a probe's answer may be public.
      checks.database = "unreachable";
      checks.migrations = "unknown";
    }
    return { ready: Object.values(checks).every((v) => v === "ok"), checks };
  }

  return {
    check() {
      const now = Date.now();
      if (!cached || now - cached.at >= POLICY.operations.readinessCacheMs) cached = { at: now, report: measure() };
      return cached.report;
    },
    shutDown() {
      shuttingDown = true;
      cached = null;
    },
    close: () => pool.end(),
  };
}

/** Answers `/healthz` and `/readyz`; false for any other request (the caller handles it). */
export function answerHealth(req: http.IncomingMessage, res: http.ServerResponse, readiness: Readiness): boolean {
  const path = (req.url ?? "").split("?")[0];
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const headers = { "content-type": "application/json", "cache-control": "no-store" };
  if (path === "/healthz") {
    res.writeHead(200, headers).end(JSON.stringify({ status: "ok" }));
    return true;
  }
  if (path === "/readyz") {
    void readiness.check().then((report) => res.writeHead(report.ready ? 200 : 503, headers).end(JSON.stringify(report)));
    return true;
  }
  return false;
}

/** The health port of a process that serves no HTTP of its own (worker, policy server); also its `/metrics`. */
export function startHealthServer(port: number, host: string, readiness: Readiness): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (answerHealth(req, res, readiness)) return;
    if (req.method === "GET" && req.url?.split("?")[0] === "/metrics") {
      void metricsText().then((text) => res.writeHead(200, { "content-type": METRICS_CONTENT_TYPE }).end(text));
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}
