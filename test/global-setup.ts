// One embedded PostgreSQL for the whole test run; a migrated template database that each test
// file clones (CREATE DATABASE … TEMPLATE is fast), so files never see each other's data.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import type { TestProject } from "vitest/node";
import pg from "pg";
import { startEmbeddedPostgres } from "../scripts/db/embedded.ts";
import { mailRolePasswordStatements } from "../lib/mail-platform/contract.ts";
import { TEST_MAIL_PASSWORDS } from "./mail-roles.ts";

/**
 * A free port below Linux's ephemeral range (32768–60999): a port in that range can be taken by a
 * client's own outgoing connection while the server is down (issue 14), and the server then
 * cannot start again on it.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "msp-test-pg-"));
  const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), quiet: true });
  await db.ensureDatabase("template_portal");
  // Migrations run in a child: the wasm engine needs Node's --experimental-wasm-modules.
  execFileSync(
    process.execPath,
    ["--experimental-wasm-modules", "--no-warnings", "--import", "tsx", "scripts/db/migrate.ts", db.url("template_portal")],
    { stdio: "inherit" },
  );
  // The mail roles (created by the contract's migration) get the tests' passwords once, here:
  // roles belong to the whole server, and files running at once must not change them under
  // each other.
  const admin = new pg.Client({ connectionString: db.url("template_portal") });
  await admin.connect();
  for (const statement of mailRolePasswordStatements(TEST_MAIL_PASSWORDS)) await admin.query(statement);
  await admin.end();
  project.provide("databaseServerUrl", db.url("postgres"));
  return async () => {
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseServerUrl: string;
  }
}
