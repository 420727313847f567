// Login throttling, persisted in PostgreSQL so it holds across portal instances and restarts.
// Three counters: per account+IP (the usual guessing), per IP (stuffing across accounts), and per
// account from everywhere. The per-account block does not apply to a browser that has signed in
// to the account before (device cookie, OWASP "device cookies"), so an attacker who hammers an
// account cannot lock its owner out.
import type { Db } from "@/lib/db";
import { POLICY } from "@/lib/policy";

const T = POLICY.loginThrottle;

export type ThrottleKeys = { account: string; accountAndIp: string; ip: string };

export function throttleKeys(kind: string, account: string, ip: string): ThrottleKeys {
  const acct = `${kind}:${account.toLowerCase()}`;
  return { account: `acct:${acct}`, accountAndIp: `acctip:${acct}|${ip}`, ip: `ip:${ip}` };
}

/** Pure: is a login attempt allowed, given the counters' block times? Returns when to retry if not. */
export function throttleVerdict(
  blocks: { account?: Date | null; accountAndIp?: Date | null; ip?: Date | null },
  now: Date,
  knownDevice: boolean,
): { allowed: true } | { allowed: false; retryAt: Date } {
  const active = [blocks.accountAndIp, blocks.ip, knownDevice ? null : blocks.account].filter(
    (b): b is Date => !!b && b > now,
  );
  if (active.length === 0) return { allowed: true };
  return { allowed: false, retryAt: new Date(Math.max(...active.map((d) => d.getTime()))) };
}

export async function checkThrottle(db: Db, keys: ThrottleKeys, now: Date, knownDevice: boolean) {
  const rows = await db.loginThrottle.findMany({ where: { key: { in: Object.values(keys) } } });
  const blockOf = (key: string) => rows.find((r) => r.key === key)?.blockedUntil ?? null;
  return throttleVerdict(
    { account: blockOf(keys.account), accountAndIp: blockOf(keys.accountAndIp), ip: blockOf(keys.ip) },
    now,
    knownDevice,
  );
}

/** One atomic upsert per counter: concurrent failures all count, none is lost. */
async function countFailure(db: Db, key: string, limit: number, now: Date) {
  const windowFloor = new Date(now.getTime() - T.windowMinutes * 60_000);
  const blockUntil = new Date(now.getTime() + T.blockMinutes * 60_000);
  await db.$executeRaw`
    INSERT INTO "LoginThrottle" (key, failures, "windowStart", "blockedUntil")
    VALUES (${key}, 1, ${now}, ${limit <= 1 ? blockUntil : null})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN "LoginThrottle"."windowStart" < ${windowFloor} THEN 1 ELSE "LoginThrottle".failures + 1 END,
      "windowStart" = CASE WHEN "LoginThrottle"."windowStart" < ${windowFloor} THEN ${now} ELSE "LoginThrottle"."windowStart" END,
      "blockedUntil" = CASE
        WHEN (CASE WHEN "LoginThrottle"."windowStart" < ${windowFloor} THEN 1 ELSE "LoginThrottle".failures + 1 END) >= ${limit}
        THEN ${blockUntil}::timestamp ELSE "LoginThrottle"."blockedUntil" END`;
}

export async function recordFailure(db: Db, keys: ThrottleKeys, now: Date) {
  await countFailure(db, keys.accountAndIp, T.perAccountAndIpFailures, now);
  await countFailure(db, keys.ip, T.perIpFailures, now);
  await countFailure(db, keys.account, T.perAccountFailures, now);
}

/** A successful login clears the account's counters (not the IP's: one good login does not excuse stuffing). */
export async function recordSuccess(db: Db, keys: ThrottleKeys) {
  await db.loginThrottle.deleteMany({ where: { key: { in: [keys.account, keys.accountAndIp] } } });
}
