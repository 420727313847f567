// The mail platform's contract (R-PLAT-1): versioned, documented, and reachable by each server's
// role only as far as that server needs, against a real PostgreSQL.
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import {
  CONTRACT_FINGERPRINT,
  CONTRACT_VERSION,
  contractFingerprint,
  MAIL_ROLES,
  mailRoleUrl,
  type MailRole,
} from "@/lib/mail-platform/contract";
import { freshDatabase } from "@/test/db";
import { TEST_MAIL_PASSWORDS } from "@/test/mail-roles";

let db: Db;
let url: string;
let close: () => Promise<void>;
beforeAll(async () => ({ db, url, close } = await freshDatabase()));
afterAll(() => close());

async function as<T>(role: MailRole, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: mailRoleUrl(url, role, TEST_MAIL_PASSWORDS[role]) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const denied = { message: expect.stringContaining("permission denied") };

describe("the contract's version", () => {
  it("changes with every change to what the servers see, and the documentation describes it", async () => {
    const fingerprint = await contractFingerprint(db);
    // On failure: bump CONTRACT_VERSION and mail.contract_version() in a migration, describe the
    // change in docs/mail-platform.md, and record the new fingerprint in lib/mail-platform/contract.ts.
    expect({ version: CONTRACT_VERSION, fingerprint }).toEqual({ version: CONTRACT_VERSION, fingerprint: CONTRACT_FINGERPRINT });
    const [row] = await db.$queryRaw<{ v: number }[]>`SELECT mail.contract_version() AS v`;
    expect(row?.v).toBe(CONTRACT_VERSION);
    const doc = readFileSync("docs/mail-platform.md", "utf8");
    expect(doc).toContain(`Contract version: **${CONTRACT_VERSION}**`);
    expect(doc).toContain(`fingerprint \`${CONTRACT_FINGERPRINT}\``);
  });
});

describe("each server's role (R-PLAT-1)", () => {
  it("reaches the contract only, and only what its server needs", async () => {
    for (const role of MAIL_ROLES) {
      await as(role, async (c) => {
        await expect(c.query(`SELECT count(*) FROM public."Mailbox"`)).rejects.toMatchObject(denied);
        await expect(c.query(`SELECT count(*) FROM public."Customer"`)).rejects.toMatchObject(denied);
        expect((await c.query("SELECT mail.contract_version() AS v")).rows[0].v).toBe(CONTRACT_VERSION);
      });
    }
    await as("mail_auth", async (c) => {
      await c.query("SELECT * FROM mail.passdb LIMIT 1");
      await c.query("SELECT * FROM mail.userdb LIMIT 1");
      await expect(c.query("SELECT * FROM mail.mailboxes LIMIT 1")).rejects.toMatchObject(denied);
      await expect(c.query("INSERT INTO mail.usage (username) VALUES ('x@altibox.no')")).rejects.toMatchObject(denied);
    });
    await as("mail_mta", async (c) => {
      await c.query("SELECT * FROM mail.domains, mail.mailboxes, mail.sender_logins LIMIT 1");
      // Postfix never sees a password hash.
      await expect(c.query("SELECT * FROM mail.passdb LIMIT 1")).rejects.toMatchObject(denied);
    });
    await as("mail_events", async (c) => {
      await c.query("INSERT INTO mail.usage (username, bytes) VALUES ('ingen@altibox.no', 1)");
      await c.query("INSERT INTO mail.logins (username, service, at) VALUES ('ingen@altibox.no', 'imap', 1)");
      await expect(c.query("SELECT * FROM mail.passdb LIMIT 1")).rejects.toMatchObject(denied);
      // A delivery is never a login (R-LC-4): the table takes IMAP, POP and SMTP only.
      await expect(c.query("INSERT INTO mail.logins (username, service, at) VALUES ('ingen@altibox.no', 'lmtp', 1)")).rejects.toMatchObject(
        {
          message: expect.stringContaining("check constraint"),
        },
      );
    });
    await as("mail_policy", async (c) => {
      await expect(c.query("SELECT * FROM mail.passdb LIMIT 1")).rejects.toMatchObject(denied);
      await expect(
        c.query(`INSERT INTO public."SendRecipient" ("mailboxId", recipient, at) VALUES (gen_random_uuid(), 'x', now())`),
      ).rejects.toMatchObject(denied);
    });
  });
});
