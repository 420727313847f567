// Fixed loopback ports for the end-to-end run: the server and the tests agree on them.
export const E2E = {
  port: Number(process.env.E2E_PORT ?? 3100),
  dbPort: Number(process.env.E2E_DB_PORT ?? 54330),
  dbName: "portal_e2e",
  ingestToken: "e2e-ingest-token-e2e-ingest-token-e2e",
  partnerToken: "e2e-partner-token-e2e-partner-token-e2e",
  /** The TOTP sealing key the e2e server runs with, so tests can enrol accounts directly. */
  totpKey: Buffer.alloc(32, 7),
  get baseUrl() {
    return `http://localhost:${this.port}`;
  },
  get databaseUrl() {
    return `postgresql://postgres:postgres@127.0.0.1:${this.dbPort}/${this.dbName}`;
  },
};
