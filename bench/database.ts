// The benchmarks' database: an embedded PostgreSQL on its own port (BENCH_DB_PORT) in a temporary
// folder, or in `keepDir` so a large load can be reused, with one database migrated.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../scripts/db/embedded.ts";
import { applyMigrations } from "../scripts/db/migrations.ts";

export async function benchDatabase(options: { tag: string; port: number; database: string; keepDir?: string }) {
  const dir = options.keepDir ?? mkdtempSync(path.join(os.tmpdir(), `msp-bench-${options.tag}-`));
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dir, "pg"),
    port: Number(process.env.BENCH_DB_PORT ?? options.port),
    quiet: true,
  });
  const stop = async () => {
    await server.stop();
    if (!options.keepDir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    await server.ensureDatabase(options.database);
    await applyMigrations(server.url(options.database));
  } catch (error) {
    await stop();
    throw error;
  }
  return { server, dir, url: server.url(options.database), stop };
}
