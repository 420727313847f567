// The health port of a process without HTTP of its own (worker, policy server): HEALTH_PORT, on
// HEALTH_HOST (default loopback). Unset: no port; the process is probed by its exit alone.
import path from "node:path";
import type http from "node:http";
import { startHealthServer, type Readiness } from "@/lib/health";
import { log } from "@/lib/log";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../prisma/migrations");

export async function healthPort(readiness: Readiness): Promise<http.Server | null> {
  const port = process.env.HEALTH_PORT;
  if (!port) return null;
  const host = process.env.HEALTH_HOST ?? "127.0.0.1";
  const server = await startHealthServer(Number(port), host, readiness);
  log().info({ url: `http://${host}:${port}`, paths: ["/healthz", "/readyz"] }, "✓ Helse");
  return server;
}
