// `npm run db:migration:new -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
// with the SQL that takes the schema of the last migration (kept in SNAPSHOT) to
// prisma/schema.prisma. Hand-written SQL (triggers, extensions) can be added below the diff.
import { mkdirSync, writeFileSync, existsSync, readFileSync, copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "./embedded.ts";
import { diffSchemas, MIGRATIONS_DIR, SCHEMA_PATH } from "./migrations.ts";

const SNAPSHOT = path.join(MIGRATIONS_DIR, "schema.snapshot.prisma");

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_").toLowerCase();
if (!name) {
  console.error("Bruk: npm run db:migration:new -- <navn>");
  process.exit(2);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), "msp-migration-"));
const scratch = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), port: 25490 });
let sql: string;
try {
  sql = await diffSchemas(scratch.url("postgres"), existsSync(SNAPSHOT) ? readFileSync(SNAPSHOT, "utf8") : null);
} finally {
  await scratch.stop();
  rmSync(tmp, { recursive: true, force: true });
}
if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
  console.log("Ingen endringer: skjemaet og migrasjonene er like.");
} else {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  copyFileSync(SCHEMA_PATH, SNAPSHOT);
  const lock = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  if (!existsSync(lock)) writeFileSync(lock, 'provider = "postgresql"\n');
  console.log(`Skrev ${path.relative(process.cwd(), dir)}/migration.sql`);
}
