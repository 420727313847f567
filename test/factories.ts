// Test data with unique names per call, shared by integration and end-to-end tests.
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db";
import { hashMailboxPassword, hashPassword } from "@/lib/passwords/hash";
import { reservedLocalParts } from "@/lib/mailboxes/rules";

export const TEST_PASSWORD = "blåbær-fjellvann-nordlys";
let cachedHash: Promise<string> | undefined;
let cachedMailboxHash: Promise<string> | undefined;

export const uniq = (prefix = "t") => `${prefix}${randomBytes(5).toString("hex")}`;

export async function createCustomer(
  db: Db,
  overrides: Partial<{ name: string; email: string; customerNumber: string; broadbandStatus: "ACTIVE" | "ENDED" }> = {},
) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const tag = uniq("");
  return db.customer.create({
    data: {
      customerNumber: overrides.customerNumber ?? String(parseInt(tag, 16)).slice(0, 9).padStart(9, "7"),
      name: overrides.name ?? `Test Kunde ${tag}`,
      email: overrides.email ?? `kunde-${tag}@example.test`,
      passwordHash: await cachedHash,
      broadbandStatus: overrides.broadbandStatus ?? "ACTIVE",
    },
  });
}

export async function createMailbox(
  db: Db,
  customerId: string,
  overrides: Partial<{
    address: string;
    status: "ACTIVE" | "LOCKED" | "DELETED";
    lockReason: "INACTIVITY" | "BROADBAND_ENDED" | null;
    lockedAt: Date | null;
    lastLoginAt: Date | null;
    cycleStartedAt: Date;
    createdAt: Date;
  }> = {},
) {
  cachedMailboxHash ??= hashMailboxPassword(TEST_PASSWORD);
  const address = overrides.address ?? `${uniq("mb")}@altibox.no`;
  const { address: _ignored, ...rest } = overrides;
  void _ignored;
  return db.mailbox.create({
    data: {
      address,
      customerId,
      displayName: "Test Postkasse",
      passwordHash: overrides.status === "DELETED" ? null : await cachedMailboxHash,
      addresses: { create: { address, retiredAt: overrides.status === "DELETED" ? new Date() : null } },
      ...rest,
    },
  });
}

/** JSON of database rows (which hold BigInt ids), for "never contains" assertions. */
export const asJson = (value: unknown) => JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v));

export async function createAgent(
  db: Db,
  role: "AGENT" | "SUPERVISOR" = "AGENT",
  overrides: Partial<{ name: string; email: string }> = {},
) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const tag = uniq("");
  return db.agent.create({
    data: {
      name: overrides.name ?? `Agent ${tag}`,
      email: overrides.email ?? `agent-${tag}@kundeservice.test`,
      role,
      passwordHash: await cachedHash,
    },
  });
}

/** Two-factor configuration for tests: a fixed sealing key and the brand. */
export const TEST_TWO_FACTOR = { key: Buffer.alloc(32, 3), brand: "Altibox" };

/** The paid plan's configuration for tests (the defaults of lib/policy.ts). */
export const TEST_COMMERCE = {
  brand: "Altibox",
  url: "http://localhost:3000/mine-sider/internett/e-postkontoer",
  priceOre: 39_00,
  offerDays: 30,
};
export const TEST_TRANSFERS = { brand: "Altibox", url: "http://localhost:3000/mine-sider/internett/e-postkontoer", requestDays: 14 };

/** New addresses on the default domain, with the default sender and brand reserved (R-ACC-8). */
export const TEST_ADDRESSING = {
  domain: "altibox.no",
  reserved: reservedLocalParts({ mailFrom: "Altibox <ikke-svar@altibox.no>", brand: "Altibox", domain: "altibox.no" }),
};
