// A fresh database for one test file, cloned from the migrated template. Refuses anything that
// is not a local server, so a test can never touch a real database.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";

export async function freshDatabase(): Promise<{ db: Db; url: string; close: () => Promise<void> }> {
  const serverUrl = inject("databaseServerUrl");
  const host = new URL(serverUrl).hostname;
  if (!["127.0.0.1", "localhost", "::1"].includes(host)) throw new Error(`Tests run only against a local database, not ${host}`);
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template_portal`);
  await admin.end();
  const url = serverUrl.replace(/\/postgres$/, `/${name}`);
  const db = createPrismaClient(url);
  return { db, url, close: () => db.$disconnect() };
}
