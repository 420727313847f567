// The one login flow behind every login form (customers, mailbox users, agents): throttle, password,
// then the code step when the account has two-factor login (R-SEC-1), then a server-side session.
// Failures say nothing about which part was wrong or whether the account exists.
import type { Clock } from "@/lib/clock";
import type { Db, Tx } from "@/lib/db";
import { burnPasswordCheck, PasswordWorkBusy, passwordWorkFull, verifyPassword } from "@/lib/passwords/hash";
import { refundAttempt, recordSuccess, reserveAttempt, throttleKeys } from "@/lib/throttle/throttle";
import { openSession } from "@/lib/auth/sessions";
import { recordAudit } from "@/lib/audit/service";
import { principalActor } from "@/lib/actor";
import { twoFactorStatus, verifySecondFactor, type Principal, type PrincipalKind, type TwoFactorConfig } from "@/lib/two-factor/service";

export type LoginOutcome =
  | { ok: true; principalId: string; sessionToken: string; accountKey: string }
  | { ok: false; reason: "invalid" | "codeRequired" | "codeInvalid" }
  // Too many password checks at once on this server: try again in a moment (issue 14).
  | { ok: false; reason: "busy" }
  | { ok: false; reason: "throttled"; retryAt: Date };

export type LoginMeta = {
  ip: string;
  userAgent?: string;
  /** The request's id, for the audit events the login writes. */
  requestId?: string;
  isKnownDevice: (accountKey: string) => boolean;
  /** Read only when the account has two-factor login. */
  secondFactor: () => TwoFactorConfig;
};

export type LoginAttempt = {
  kind: PrincipalKind;
  /** What was typed to name the account (lower case): the throttle key of an unknown account. */
  typed: string;
  /** The account it names, if any, with its password hash. */
  account: (Principal & { passwordHash: string | null }) | null;
  password: string;
  code?: string;
  /** Written with the login's audit event, e.g. the mailbox's login for the lifecycle (R-LC-4). */
  onLogin?: (tx: Tx, principalId: string, now: Date) => Promise<void>;
};

/**
 * The password, then the code when the account has two-factor login (R-SEC-1): null when both are
 * right, else why not. Failures are audited; they were counted before (reserveAttempt).
 */
async function checkCredentials(
  db: Db,
  clock: Clock,
  attempt: LoginAttempt,
  meta: LoginMeta,
  now: Date,
): Promise<Exclude<LoginOutcome, { ok: true }> | null> {
  const { account, kind } = attempt;
  const action = kind.toLowerCase();
  const audit = { clock, actor: { kind: "SYSTEM" as const, process: "login" }, requestId: meta.requestId ?? "login" };
  if (!account) await burnPasswordCheck(attempt.password);
  if (!account || !(await verifyPassword(account.passwordHash, attempt.password))) {
    await recordAudit(db, audit, {
      action: `${action}.login.failed`,
      subjectType: kind,
      subjectId: account?.id ?? attempt.typed.slice(0, 320),
      after: { ip: meta.ip },
    });
    return { ok: false, reason: "invalid" };
  }
  if (!(await twoFactorStatus(db, account)).on) return null;
  // No session until the second step is right too. Wrong codes count like wrong passwords, so the
  // six digits cannot be guessed either.
  if (!attempt.code?.trim()) return { ok: false, reason: "codeRequired" };
  const second = await verifySecondFactor(db, meta.secondFactor(), account, attempt.code, now, audit.requestId);
  if (second.ok) return null;
  await recordAudit(db, audit, {
    action: `${action}.login.codeFailed`,
    subjectType: kind,
    subjectId: account.id,
    after: { ip: meta.ip, reason: second.error.code },
  });
  return { ok: false, reason: "codeInvalid" };
}

export async function passwordLogin(db: Db, clock: Clock, attempt: LoginAttempt, meta: LoginMeta): Promise<LoginOutcome> {
  const now = clock.now();
  const { account, kind } = attempt;
  const action = kind.toLowerCase();
  // Counted per account whichever identifier was typed; per typed text for unknown accounts.
  const accountKey = account?.id ?? attempt.typed;
  const keys = throttleKeys(action, accountKey, meta.ip);
  // In a storm, "try again" before any other work: nothing counted, nothing read.
  if (passwordWorkFull()) return { ok: false, reason: "busy" };
  // Counted before the password is checked: guesses sent at once all count (issue 14).
  const verdict = await reserveAttempt(db, keys, now, meta.isKnownDevice(accountKey));
  if (!verdict.allowed) return { ok: false, reason: "throttled", retryAt: verdict.retryAt };

  let checked: Exclude<LoginOutcome, { ok: true }> | null;
  try {
    checked = await checkCredentials(db, clock, attempt, meta, now);
  } catch (error) {
    if (!(error instanceof PasswordWorkBusy)) throw error;
    // Not checked: the attempt does not count.
    await refundAttempt(db, keys);
    return { ok: false, reason: "busy" };
  }
  if (checked || !account) {
    // The password was right and the code is still to come: no failure.
    if (checked?.reason === "codeRequired") await refundAttempt(db, keys);
    return checked ?? { ok: false, reason: "invalid" };
  }
  await recordSuccess(db, keys);
  const session = await openSession(db, kind, account.id, now, meta);
  await db.$transaction(async (tx) => {
    await attempt.onLogin?.(tx, account.id, now);
    // The session's token is the browser's alone (R-SEC-8): never in the audit.
    await recordAudit(
      tx,
      { clock, actor: principalActor(kind, account.id), requestId: meta.requestId ?? "login" },
      { action: `${action}.login`, subjectType: kind, subjectId: account.id, after: { ip: meta.ip } },
    );
  });
  return { ok: true, principalId: account.id, sessionToken: session.token, accountKey };
}
