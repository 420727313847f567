// Real Dovecot and Postfix for a test file (issue 16): the shipped configuration rendered for the
// file's own database on free loopback ports, the policy service in this process. Missing
// packages fail the test with the apt-get line; nothing is skipped.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/lib/db";
import type { MailPlatformConfig, MailPorts } from "@/lib/mail-platform/config";
import type { DovecotBackend } from "@/lib/mail-platform/doveadm";
import { mailRoleUrl, syncMailContract } from "@/lib/mail-platform/contract";
import { startMailServers, systemUsers } from "@/lib/mail-platform/servers";
import { POLICY } from "@/lib/policy";
import { startPolicyServer } from "@/lib/sending/server";
import { createPolicyPool } from "@/lib/sending/service";
import { freePort } from "@/test/global-setup";
import { TEST_MAIL_PASSWORDS } from "@/test/mail-roles";

export const MAIL_DOMAIN = "altibox.no";
export const TEST_DOVEADM_KEY = "test-doveadm-api-key";

export type TestMailPlatform = {
  ports: MailPorts;
  dir: string;
  /** Its doveadm HTTP API, as the event consumer reaches it. */
  backend: DovecotBackend;
  logTail: (lines?: number) => string;
  stop: () => Promise<void>;
};

export async function startTestMailPlatform(
  db: Db,
  url: string,
  options: { relayhost?: string; authCache?: MailPlatformConfig["authCache"]; tls?: MailPlatformConfig["tls"] } = {},
): Promise<TestMailPlatform> {
  await syncMailContract(db, { domain: MAIL_DOMAIN, mailboxesUrl: "http://localhost:3000/mine-sider/internett/e-postkontoer" });
  const database = new URL(url);
  const ports: MailPorts = {
    imap: await freePort(),
    imaps: options.tls ? await freePort() : 0,
    pop3: await freePort(),
    pop3s: options.tls ? await freePort() : 0,
    lmtp: await freePort(),
    auth: await freePort(),
    smtp: await freePort(),
    submission: await freePort(),
    policy: await freePort(),
    doveadm: await freePort(),
  };
  // The policy service as production runs it: its own role, which reaches the contract only.
  const policyDb = createPolicyPool(mailRoleUrl(url, "mail_policy", TEST_MAIL_PASSWORDS.mail_policy), 2);
  const policy = await startPolicyServer(policyDb, { port: ports.policy, host: "127.0.0.1" });
  const dir = mkdtempSync(path.join(os.tmpdir(), "msp-mail-"));
  try {
    const servers = await startMailServers({
      dir,
      instance: path.basename(dir),
      domain: MAIL_DOMAIN,
      hostname: "mx.altibox.test",
      listen: "127.0.0.1",
      ports,
      database: { host: database.hostname, port: Number(database.port), name: database.pathname.slice(1) },
      passwords: TEST_MAIL_PASSWORDS,
      doveadmApiKey: TEST_DOVEADM_KEY,
      users: systemUsers(),
      tls: options.tls ?? null,
      relayhost: options.relayhost ?? null,
      maxMessageBytes: POLICY.mailboxes.maxMessageBytes,
      // No auth cache in tests: a changed password must count at the next login (issue 17 flushes it).
      authCache: options.authCache ?? { size: "0", ttl: "1 s" },
      authFailures: { delay: "0", penalty: false },
    });
    return {
      ports,
      dir,
      backend: { name: path.basename(dir), url: `http://127.0.0.1:${ports.doveadm}`, apiKey: TEST_DOVEADM_KEY },
      logTail: servers.logTail,
      stop: async () => {
        await servers.stop();
        await policy.close();
        await policyDb.end();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await policy.close();
    await policyDb.end();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
