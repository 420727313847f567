// The one Prisma client. Secret columns are omitted by default, so a page cannot leak a hash by
// accident; the few services that verify a password ask for the column explicitly.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { POLICY } from "@/lib/policy";

export const secretColumnsOmitted = {
  customer: { passwordHash: true },
  agent: { passwordHash: true },
  mailbox: { passwordHash: true, cleanmailPasswordHash: true },
  // Not secret, but large: a quarantined message's bytes are read only to release it.
  quarantinedMessage: { raw: true },
  cleanmailLink: { tokenHash: true },
  twoFactor: { secret: true, pendingSecret: true },
  recoveryCode: { hash: true },
} as const;

export function createPrismaClient(url: string) {
  return new PrismaClient({
    // Timestamps are stored as UTC without a zone; a session in UTC keeps raw SQL honest whatever
    // the server's own time zone is.
    // A connection that cannot be made in a few seconds is an error, not a wait: while the database
    // is away requests fail fast with the error page, and work again once it is back (issue 14).
    adapter: new PrismaPg({
      connectionString: url,
      max: 10,
      options: "-c TimeZone=UTC",
      connectionTimeoutMillis: POLICY.database.connectTimeoutMs,
    }),
    omit: secretColumnsOmitted,
  });
}

export type Db = ReturnType<typeof createPrismaClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { portalDb?: Db };

/** The portal's database client (one per process; survives hot reload in development). */
export function db(): Db {
  globalForDb.portalDb ??= createPrismaClient(env().DATABASE_URL);
  return globalForDb.portalDb;
}
