// Login throttling, persisted in PostgreSQL so it holds across portal instances and restarts;
// its counter also serves other guessable forms (countFailure, isBlocked).
// Three counters: per account+IP (the usual guessing), per IP (stuffing across accounts), and per
// account from everywhere. The per-account block does not apply to a browser that has signed in
// to the account before (device cookie, OWASP "device cookies"), so an attacker who hammers an
// account cannot lock its owner out.
// An attempt is counted before its password is checked, in one statement (reserveAttempt): N
// guesses sent at once count N, and only those within the limit reach the check. An attempt whose
// password was right is taken back (refundAttempt, recordSuccess).
import type { Db } from "@/lib/db";
import { POLICY } from "@/lib/policy";

const T = POLICY.loginThrottle;

export type ThrottleKeys = { account: string; accountAndIp: string; ip: string };

export function throttleKeys(kind: string, account: string, ip: string): ThrottleKeys {
  const acct = `${kind}:${account.toLowerCase()}`;
  return { account: `acct:${acct}`, accountAndIp: `acctip:${acct}|${ip}`, ip: `ip:${ip}` };
}

export type CounterRule = { limit: number; windowMinutes: number; blockMinutes: number };
export type Counted = { attempts: number; blockedUntil: Date | null };
export type Verdict = { allowed: true } | { allowed: false; retryAt: Date };

const loginRule = (limit: number): CounterRule => ({ limit, windowMinutes: T.windowMinutes, blockMinutes: T.blockMinutes });
const RULES = {
  accountAndIp: loginRule(T.perAccountAndIpFailures),
  ip: loginRule(T.perIpFailures),
  account: loginRule(T.perAccountFailures),
};

/**
 * Pure: may this attempt go on, given what each counter reads with it counted? Beyond a counter's
 * limit it may not, until the counter's block ends; the account-wide counter does not bind a
 * browser that has signed in to the account before.
 */
export function throttleVerdict(
  counted: { account?: Counted; accountAndIp?: Counted; ip?: Counted },
  now: Date,
  knownDevice: boolean,
): Verdict {
  const over = (Object.keys(RULES) as (keyof typeof RULES)[])
    .filter((k) => !(k === "account" && knownDevice))
    .map((k) => ({ c: counted[k], rule: RULES[k] }))
    .filter(({ c, rule }) => !!c && c.attempts > rule.limit);
  if (over.length === 0) return { allowed: true };
  const until = over.map(({ c, rule }) => c!.blockedUntil?.getTime() ?? now.getTime() + rule.blockMinutes * 60_000);
  return { allowed: false, retryAt: new Date(Math.max(...until)) };
}

/**
 * Counter upserts in one statement, each with its own rule: counts an attempt in the current
 * window (a new window once the last one and any block have passed), and blocks the key for the
 * rule's time from the attempt that reaches the limit. Returns what each counter reads now.
 */
async function count(db: Db, counters: { key: string; rule: CounterRule }[], now: Date) {
  const params: unknown[] = [now];
  const p = (value: unknown) => `$${params.push(value)}`;
  const ctes = counters.map(({ key, rule }, i) => {
    const floor = p(new Date(now.getTime() - rule.windowMinutes * 60_000));
    const until = p(new Date(now.getTime() + rule.blockMinutes * 60_000));
    const fresh = `(t."windowStart" < ${floor}::timestamp AND (t."blockedUntil" IS NULL OR t."blockedUntil" <= $1::timestamp))`;
    const limit = p(rule.limit);
    return `c${i} AS (
      INSERT INTO "LoginThrottle" AS t (key, failures, "windowStart", "blockedUntil")
      VALUES (${p(key)}, 1, $1::timestamp, CASE WHEN ${limit}::int <= 1 THEN ${until}::timestamp END)
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN ${fresh} THEN 1 ELSE t.failures + 1 END,
        "windowStart" = CASE WHEN ${fresh} THEN $1::timestamp ELSE t."windowStart" END,
        "blockedUntil" = CASE WHEN (CASE WHEN ${fresh} THEN 1 ELSE t.failures + 1 END) = ${limit}::int THEN ${until}::timestamp
                              WHEN ${fresh} THEN NULL ELSE t."blockedUntil" END
      RETURNING key, failures, "blockedUntil")`;
  });
  const sql = `WITH ${ctes.join(", ")} ${counters.map((_, i) => `SELECT key, failures, "blockedUntil" FROM c${i}`).join(" UNION ALL ")}`;
  const rows = await db.$queryRawUnsafe<{ key: string; failures: number; blockedUntil: Date | null }[]>(sql, ...params);
  return (key: string): Counted | undefined => {
    const row = rows.find((r) => r.key === key);
    return row && { attempts: row.failures, blockedUntil: row.blockedUntil };
  };
}

/**
 * Counts this login attempt on all three counters in one statement, before any password is
 * checked, and says whether it may go on.
 */
export async function reserveAttempt(db: Db, keys: ThrottleKeys, now: Date, knownDevice: boolean): Promise<Verdict> {
  const of = await count(
    db,
    [
      { key: keys.accountAndIp, rule: RULES.accountAndIp },
      { key: keys.ip, rule: RULES.ip },
      { key: keys.account, rule: RULES.account },
    ],
    now,
  );
  return throttleVerdict({ account: of(keys.account), accountAndIp: of(keys.accountAndIp), ip: of(keys.ip) }, now, knownDevice);
}

/** The attempt was no failure (the password was right, the code is still to come): uncounted. */
export async function refundAttempt(db: Db, keys: ThrottleKeys) {
  await db.$executeRaw`UPDATE "LoginThrottle" SET failures = GREATEST(failures - 1, 0) WHERE key = ANY(${Object.values(keys)}::text[])`;
}

/** A successful login clears the account's counters and takes its attempt off the IP's (one good login does not excuse stuffing). */
export async function recordSuccess(db: Db, keys: ThrottleKeys) {
  await db.loginThrottle.deleteMany({ where: { key: { in: [keys.account, keys.accountAndIp] } } });
  await db.$executeRaw`UPDATE "LoginThrottle" SET failures = GREATEST(failures - 1, 0) WHERE key = ${keys.ip}`;
}

/**
 * Counts one failure against a key (for forms other than logins: a wrong receiver of a move); at
 * the rule's limit within its window the key is blocked for the rule's time. One atomic upsert.
 */
export async function countFailure(db: Db, key: string, rule: CounterRule, now: Date) {
  await count(db, [{ key, rule }], now);
}

/** Whether the key is blocked now. */
export async function isBlocked(db: Db, key: string, now: Date): Promise<boolean> {
  const row = await db.loginThrottle.findUnique({ where: { key }, select: { blockedUntil: true } });
  return !!row?.blockedUntil && row.blockedUntil > now;
}
