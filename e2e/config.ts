// Fixed loopback ports for the end-to-end run: the server and the tests agree on them.
import os from "node:os";
import path from "node:path";
export const E2E = {
  port: Number(process.env.E2E_PORT ?? 3100),
  dbPort: Number(process.env.E2E_DB_PORT ?? 25433),
  dbName: "portal_e2e",
  /** The web tier's cluster-wide metrics and the worker's health port (issue 19). */
  get metricsPort() {
    return this.port + 3;
  },
  get workerHealthPort() {
    return this.port + 4;
  },
  ingestToken: "e2e-ingest-token-e2e-ingest-token-e2e",
  partnerToken: "e2e-partner-token-e2e-partner-token-e2e",
  metricsToken: "e2e-metrics-token-e2e-metrics-token-e2e",
  capturedMailKey: "e2e-captured-mail-key",
  nextAuthSecret: "e2e-secret-e2e-secret-e2e-secret-e2e",
  /** What the e2e server and worker logged in this run. */
  logFile: path.join(os.tmpdir(), "msp-e2e-server.log"),
  /** The TOTP sealing key the e2e server runs with, so tests can enrol accounts directly. */
  totpKey: Buffer.alloc(32, 7),
  get baseUrl() {
    return `http://localhost:${this.port}`;
  },
  get databaseUrl() {
    return `postgresql://postgres:postgres@127.0.0.1:${this.dbPort}/${this.dbName}`;
  },
};
