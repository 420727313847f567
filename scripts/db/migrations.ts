// Prisma migrations without the schema-engine binary download: the official WebAssembly build of
// the same engine, so the `_prisma_migrations` table stays compatible with `prisma migrate deploy`.
// Node 20 imports .wasm only with --experimental-wasm-modules (the npm scripts pass it).
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { migrationNames } from "../../lib/health.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const SCHEMA_PATH = path.join(ROOT, "prisma/schema.prisma");
export const MIGRATIONS_DIR = path.join(ROOT, "prisma/migrations");

const filters = { externalTables: [], externalEnums: [] };

/**
 * The pg adapter runs a migration script by splitting it on ";", which breaks PL/pgSQL bodies and
 * runs each statement on its own. Sent whole, PostgreSQL runs the script as one implicit
 * transaction: a failing migration leaves nothing half-applied.
 */
class WholeScriptPg extends PrismaPg {
  readonly opened: { dispose(): Promise<void> }[] = [];

  override async connect() {
    const adapter = await super.connect();
    this.opened.push(adapter);
    adapter.executeScript = async (script: string) => {
      try {
        await adapter.underlyingDriver().query(script);
      } catch (error) {
        (adapter as unknown as { onError(e: unknown): never }).onError(error);
      }
    };
    return adapter;
  }
}

async function engineFor(url: string) {
  const { SchemaEngine } = await import("@prisma/schema-engine-wasm");
  const factory = new WholeScriptPg({ connectionString: url });
  const engine = await SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, readFileSync(SCHEMA_PATH, "utf8")]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  return {
    engine,
    /** Frees the engine and closes its connections (a template database must have none). */
    async close() {
      engine.free();
      await Promise.all(factory.opened.map((a) => a.dispose().catch(() => {})));
    },
  };
}

function migrationDirectories() {
  return migrationNames(MIGRATIONS_DIR).map((name) => ({
    path: name,
    migrationFile: {
      path: "migration.sql",
      content: { tag: "ok" as const, value: readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8") },
    },
  }));
}

/** Applies every migration not yet applied to the database at `url`. Idempotent. */
export async function applyMigrations(url: string): Promise<string[]> {
  const { engine, close } = await engineFor(url);
  try {
    const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: {
        baseDir: MIGRATIONS_DIR,
        lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
        migrationDirectories: migrationDirectories(),
        shadowDbInitScript: "",
      },
      filters,
    });
    return appliedMigrationNames;
  } finally {
    await close();
  }
}

/**
 * SQL that takes the schema the migrations already produce (`fromSchema`, or nothing) to the
 * schema file. A pure datamodel diff: the wasm engine cannot introspect a live database through
 * the pg adapter (it fails on `char` catalog columns), and needs none for this.
 */
export async function diffSchemas(scratchUrl: string, fromSchema: string | null): Promise<string> {
  // The engine connects on start, so it is given a scratch database it then does not use.
  const { engine, close } = await engineFor(scratchUrl);
  try {
    const result = await engine.diff({
      from: fromSchema === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: fromSchema }] },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: readFileSync(SCHEMA_PATH, "utf8") }] },
      script: true,
      exitCode: null,
      filters,
    });
    return result.stdout ?? "";
  } finally {
    await close();
  }
}
