// Readiness against a real PostgreSQL (issue 19): ready when the database answers and the newest
// migration is applied; not ready, without error text, when the database is away, a migration is
// missing or the process is shutting down; /healthz needs nothing.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import type http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { createReadiness, latestMigration, startHealthServer, type Readiness } from "@/lib/health";

const MIGRATIONS = path.resolve(import.meta.dirname, "../prisma/migrations");
let url: string;
let close: () => Promise<void>;
const opened: Readiness[] = [];
const servers: http.Server[] = [];
beforeAll(async () => ({ url, close } = await freshDatabase()));
afterAll(async () => {
  servers.forEach((s) => s.close());
  await Promise.all(opened.map((r) => r.close()));
  await close();
});

const readiness = (databaseUrl: string, migrationsDir = MIGRATIONS) => {
  const r = createReadiness({ databaseUrl, migrationsDir });
  opened.push(r);
  return r;
};

describe("health", () => {
  it("is ready with the database up and every migration applied", async () => {
    expect(latestMigration(MIGRATIONS)).toBe(
      readdirSync(MIGRATIONS)
        .filter((f) => /^\d{14}_/.test(f))
        .sort()
        .at(-1),
    );
    expect(await readiness(url).check()).toEqual({ ready: true, checks: { shutdown: "ok", database: "ok", migrations: "ok" } });
  });

  it("is not ready when this build ships a migration the database lacks", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "msp-migrations-"));
    mkdirSync(path.join(dir, "99990101000000_from_the_future"));
    const report = await readiness(url, dir).check();
    rmSync(dir, { recursive: true });
    expect(report).toMatchObject({ ready: false, checks: { database: "ok", migrations: "99990101000000_from_the_future is not applied" } });
  });

  it("is not ready, and says no more than that, when the database is away", async () => {
    const away = new URL(url);
    away.port = "9";
    const report = await readiness(away.toString()).check();
    expect(report).toEqual({ ready: false, checks: { shutdown: "ok", database: "unreachable", migrations: "unknown" } });
  });

  it("answers /healthz always and /readyz 503 from the moment it shuts down", async () => {
    const r = readiness(url);
    const server = await startHealthServer(0, "127.0.0.1", r);
    servers.push(server);
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    r.shutDown();
    const after = await fetch(`${base}/readyz`);
    expect(after.status).toBe(503);
    expect(await after.json()).toMatchObject({ ready: false, checks: { shutdown: "shutting down" } });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
  });
});
