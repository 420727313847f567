// Login throttling, persisted in PostgreSQL so it holds across portal instances and restarts;
// its failure counter also serves other guessable forms (countFailure, isBlocked).
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

export type CounterRule = { limit: number; windowMinutes: number; blockMinutes: number };

/**
 * Counts one failure against a key; at the rule's limit within its window the key is blocked for
 * the rule's time. One atomic upsert: concurrent failures all count, none is lost.
 */
export async function countFailure(db: Db, key: string, rule: CounterRule, now: Date) {
  const windowFloor = new Date(now.getTime() - rule.windowMinutes * 60_000);
  const blockUntil = new Date(now.getTime() + rule.blockMinutes * 60_000);
  await db.$executeRaw`
    INSERT INTO "LoginThrottle" (key, failures, "windowStart", "blockedUntil")
    VALUES (${key}, 1, ${now}, ${rule.limit <= 1 ? blockUntil : null})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN "LoginThrottle"."windowStart" < ${windowFloor} THEN 1 ELSE "LoginThrottle".failures + 1 END,
      "windowStart" = CASE WHEN "LoginThrottle"."windowStart" < ${windowFloor} THEN ${now} ELSE "LoginThrottle"."windowStart" END,
      "blockedUntil" = CASE
        WHEN (CASE WHEN "LoginThrottle"."windowStart" < ${windowFloor} THEN 1 ELSE "LoginThrottle".failures + 1 END) >= ${rule.limit}
        THEN ${blockUntil}::timestamp ELSE "LoginThrottle"."blockedUntil" END`;
}

/** Whether the key is blocked now. */
export async function isBlocked(db: Db, key: string, now: Date): Promise<boolean> {
  const row = await db.loginThrottle.findUnique({ where: { key }, select: { blockedUntil: true } });
  return !!row?.blockedUntil && row.blockedUntil > now;
}

const loginRule = (limit: number): CounterRule => ({ limit, windowMinutes: T.windowMinutes, blockMinutes: T.blockMinutes });

export async function recordFailure(db: Db, keys: ThrottleKeys, now: Date) {
  await countFailure(db, keys.accountAndIp, loginRule(T.perAccountAndIpFailures), now);
  await countFailure(db, keys.ip, loginRule(T.perIpFailures), now);
  await countFailure(db, keys.account, loginRule(T.perAccountFailures), now);
}

/** A successful login clears the account's counters (not the IP's: one good login does not excuse stuffing). */
export async function recordSuccess(db: Db, keys: ThrottleKeys) {
  await db.loginThrottle.deleteMany({ where: { key: { in: [keys.account, keys.accountAndIp] } } });
}
