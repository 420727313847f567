// The production HTTP server: Next.js behind Node's cluster module, one worker per core
// (WEB_CONCURRENCY), all on one port; the primary only starts them and restarts one that stops.
// The web tier keeps no state (sessions, throttles and jobs live in PostgreSQL), so workers and
// instances can be added freely.
// Usage: node --import tsx scripts/serve.ts  (PORT, WEB_CONCURRENCY; the rest from the environment)
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import next from "next";
import { withConnectingPeer } from "@/lib/http/forwarded";
import { assertTestModeIsSafe } from "@/lib/test-clock";
import { passwordWorkLoad } from "@/lib/passwords/hash";
import { POLICY } from "@/lib/policy";
import { answerHealth, createReadiness } from "@/lib/health";
import { MIGRATIONS_DIR } from "./health-port.ts";
import { log } from "@/lib/log";
import { clusterMetricsText, METRICS_CONTENT_TYPE, metrics, routeLabeller } from "@/lib/metrics";
import { readFileSync } from "node:fs";

process.env.PORTAL_PROCESS = "web";
const port = Number(process.env.PORT ?? 3000);
const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism()));
// The workers share the cores: each sizes its password work by this (lib/passwords/hash.ts).
process.env.WEB_CONCURRENCY = String(workers);
const dir = path.resolve(import.meta.dirname, "..");
assertTestModeIsSafe(process.env.DATABASE_URL ?? "postgresql://unset");
// Missing secrets stop the server at start, not at the first person who turns on 2FA.
if (!process.env.TOTP_ENCRYPTION_KEY) {
  log().fatal("TOTP_ENCRYPTION_KEY må være satt (32 byte, base64: openssl rand -base64 32).");
  process.exit(2);
}

if (cluster.isPrimary) {
  // Rendering a page allocates a lot of short-lived objects: a larger young generation means
  // fewer collections (mailbox page in bench:http 177 → 200 pages/s; resident memory unchanged).
  cluster.setupPrimary({ execArgv: [...process.execArgv, "--max-semi-space-size=32"] });
  for (let i = 0; i < workers; i++) cluster.fork();
  let stopping = false;
  cluster.on("exit", (worker, code) => {
    if (stopping) return;
    log().error({ worker: worker.process.pid, code }, "web worker stopped; starting a new one");
    cluster.fork();
  });
  // Each worker finishes what it is doing (bounded, below); the primary leaves when they have.
  const stop = () => {
    stopping = true;
    const running = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    if (running.length === 0) process.exit(0);
    let left = running.length;
    for (const w of running) {
      w.once("exit", () => --left === 0 && process.exit(0));
      // The signal only: cluster's worker.kill() would cut the IPC channel first, and with it
      // the connections the primary has accepted but not yet handed over.
      process.kill(w.process.pid!, "SIGTERM");
    }
    setTimeout(() => process.exit(0), POLICY.operations.shutdownGraceMs + 1_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // METRICS_PORT: the sum of the workers' metrics, on loopback unless METRICS_HOST says otherwise.
  if (process.env.METRICS_PORT) {
    const host = process.env.METRICS_HOST ?? "127.0.0.1";
    http
      .createServer((req, res) => {
        if (req.url?.split("?")[0] !== "/metrics") return void res.writeHead(404).end();
        clusterMetricsText().then(
          (text) => res.writeHead(200, { "content-type": METRICS_CONTENT_TYPE }).end(text),
          () => res.writeHead(503).end(),
        );
      })
      .listen(Number(process.env.METRICS_PORT), host, () =>
        log().info({ url: `http://${host}:${process.env.METRICS_PORT}/metrics` }, "✓ Metrikker"),
      );
  }
} else {
  const app = next({ dev: false, dir, port, hostname: "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Logins beyond what this worker's password work can take (running and waiting) are answered at
  // once, before Next.js spends anything on them: a login storm then costs the pages little
  // (issue 14, bench:login-storm). The answer is next-auth's own shape, so the login form says
  // "try again in a few seconds".
  const { slots, queue } = passwordWorkLoad();
  let loginsInFlight = 0;
  // /healthz and /readyz for the load balancer (issue 19), answered before Next.js.
  // Each request's duration by the app's route pattern (a bounded label), method and status; the
  // primary asks every worker for its figures (METRICS_PORT).
  metrics();
  const routeOf = routeLabeller(Object.values(JSON.parse(readFileSync(path.join(dir, ".next/app-path-routes-manifest.json"), "utf8"))));
  const readiness = createReadiness({ databaseUrl: process.env.DATABASE_URL ?? "", migrationsDir: MIGRATIONS_DIR });
  const server = http.createServer((req, res) => {
    if (draining) res.setHeader("connection", "close");
    const timer = metrics().httpDuration.startTimer();
    res.once("finish", () =>
      timer({
        route: routeOf((req.url ?? "/").split("?")[0]!),
        method: ["GET", "POST", "HEAD"].includes(req.method ?? "") ? req.method : "other",
        status: res.statusCode,
      }),
    );
    if (answerHealth(req, res, readiness)) return;
    req.headers["x-forwarded-for"] = withConnectingPeer(req.headers["x-forwarded-for"], req.socket.remoteAddress);
    if (req.method === "POST" && req.url?.startsWith("/api/auth/callback/")) {
      if (loginsInFlight >= slots + queue) {
        req.resume();
        res.writeHead(503, {
          "content-type": "application/json",
          "retry-after": String(POLICY.passwords.work.retryAfterSeconds),
          "cache-control": "no-store",
        });
        res.end(JSON.stringify({ url: `http://${req.headers.host ?? "localhost"}/api/auth/error?error=BUSY` }));
        return;
      }
      loginsInFlight++;
      res.once("close", () => loginsInFlight--);
    }
    void handle(req, res);
  });
  server.listen(port, () => {
    if (!cluster.isWorker || cluster.worker?.id === 1) log().info({ url: `http://localhost:${port}`, workers }, "✓ Klar");
  });
  // SIGTERM: not ready (the load balancer moves on) while still answering for a moment, then no new
  // connections; the requests in flight finish, then exit. Cut off after the grace period.
  let draining = false;
  const stop = () => {
    draining = true;
    readiness.shutDown();
    setTimeout(() => server.close(() => void readiness.close().finally(() => process.exit(0))), POLICY.operations.drainMs);
    setTimeout(() => process.exit(0), POLICY.operations.shutdownGraceMs).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
