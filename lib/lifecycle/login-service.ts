// Records logins (R-LC-4): keeps the new ones, moves each mailbox's last login forward (never
// back), and changes nothing when the same batch comes again. A login and the lifecycle sweep
// serialise on the mailbox row, so neither decides on a row the other is changing; and a login
// that happened before an inactivity lock (by its own time, not its arrival) undoes that lock:
// the lock was decided without it (R-LC-1).
import { recordPlatformEvents } from "@/lib/mail-platform/events";
import type { ServiceContext } from "@/lib/actor";
import type { Clock } from "@/lib/clock";
import type { Db, Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/service";
import { hasRoomForAnotherMailbox, lockCustomers } from "@/lib/customers/locks";
import { parseLoginBatch, type LoginEntryError } from "@/lib/lifecycle/login-events";
import { queueNoticeCopies } from "@/lib/outbox";

/**
 * What happened to one reported login: `recorded` (kept; the last login moved if it is the
 * newest), `alreadyKnown` (reported before), `reopened` (kept, and it undid a lock made after
 * it), `mailboxLocked` (after the lock: a locked mailbox cannot log in, so the reporter is wrong),
 * `lockedAtLimit` (kept, but the lock stays: the customer already has 5 active mailboxes, R-ACC-2).
 */
export type LoginOutcome = "recorded" | "alreadyKnown" | "reopened" | "mailboxLocked" | "lockedAtLimit";

export type LoginBatchResult = {
  accepted: number;
  alreadyKnown: number;
  reopened: number;
  errors: { index: number; error: LoginEntryError | "mailboxLocked" }[];
  /** One answer per entry, in the order sent. */
  results: { index: number; outcome: LoginOutcome | LoginEntryError }[];
};

export type Login = { mailboxId: string; protocol: "IMAP" | "POP3" | "SMTP" | "WEBMAIL" | "PORTAL"; at: Date };

type Locked = {
  id: string;
  status: "ACTIVE" | "LOCKED" | "DELETED";
  lockReason: "INACTIVITY" | "BROADBAND_ENDED" | null;
  lockedAt: Date | null;
  lastLoginAt: Date | null;
  cycleStartedAt: Date;
};

const SYSTEM = { kind: "SYSTEM", process: "logins" } as const;

/**
 * Applies logins inside the caller's transaction, holding each mailbox's row lock: what was
 * stored, and the logins that came before an inactivity lock they would have prevented (for
 * reopenAfterLogin, which needs the customer's lock first and so runs in its own transaction).
 */
export async function applyLogins(tx: Tx, logins: Login[], now: Date) {
  const outcomes: (LoginOutcome | "beforeLock")[] = [];
  if (logins.length === 0) return { outcomes, beforeLock: [] as Login[] };
  const ids = [...new Set(logins.map((l) => l.mailboxId))].sort();
  const rows = await tx.$queryRaw<Locked[]>`
    SELECT id, status::text AS status, "lockReason"::text AS "lockReason", "lockedAt", "lastLoginAt", "cycleStartedAt"
    FROM "Mailbox" WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  // A login counts if the mailbox was open when it happened: always for an active mailbox, and
  // before the lock for a locked one. Deleted mailboxes log in nowhere (R-ACC-3).
  const counts = (l: Login) => {
    const m = byId.get(l.mailboxId);
    return !!m && (m.status === "ACTIVE" || (m.status === "LOCKED" && !!m.lockedAt && l.at < m.lockedAt));
  };
  const kept = logins.filter(counts);
  const stored = kept.length
    ? await tx.$queryRaw<{ key: string }[]>`
        INSERT INTO "LoginEvent" ("mailboxId", protocol, at, "receivedAt")
        SELECT v.id, v.protocol::"LoginProtocol", v.at AT TIME ZONE 'UTC', ${now}::timestamp
        FROM unnest(${kept.map((l) => l.mailboxId)}::uuid[], ${kept.map((l) => l.protocol)}::text[], ${kept.map((l) => l.at.toISOString())}::timestamptz[]) AS v(id, protocol, at)
        ON CONFLICT ("mailboxId", protocol, at) DO NOTHING
        RETURNING "mailboxId" || protocol::text || (extract(epoch FROM at) * 1000)::bigint AS key`
    : [];
  const fresh = new Set(stored.map((s) => s.key));
  const beforeLock: Login[] = [];
  for (const l of logins) {
    const m = byId.get(l.mailboxId);
    if (!m || !counts(l)) {
      outcomes.push("mailboxLocked");
      continue;
    }
    // The first entry of a key in the batch is the one that stored it.
    const key = `${l.mailboxId}${l.protocol}${l.at.getTime()}`;
    outcomes.push(fresh.delete(key) ? "recorded" : "alreadyKnown");
    const since = m.lastLoginAt && m.lastLoginAt > m.cycleStartedAt ? m.lastLoginAt : m.cycleStartedAt;
    if (m.status === "LOCKED" && m.lockReason === "INACTIVITY" && l.at > since) {
      outcomes[outcomes.length - 1] = "beforeLock";
      beforeLock.push(l);
    }
  }
  // One statement for all; GREATEST keeps a late-arriving older login from moving the date back.
  // Inactivity-locked mailboxes are left to reopenAfterLogin.
  const active = kept.filter((l) => byId.get(l.mailboxId)!.status === "ACTIVE" || byId.get(l.mailboxId)!.lockReason !== "INACTIVITY");
  if (active.length) {
    await tx.$executeRaw`
      UPDATE "Mailbox" AS m SET "lastLoginAt" = GREATEST(m."lastLoginAt", v.at)
      FROM (SELECT id, max(at) AT TIME ZONE 'UTC' AS at
            FROM unnest(${active.map((l) => l.mailboxId)}::uuid[], ${active.map((l) => l.at.toISOString())}::timestamptz[]) AS v(id, at) GROUP BY id) AS v
      WHERE m.id = v.id`;
  }
  return { outcomes, beforeLock };
}

/**
 * Undoes an inactivity lock that a login before it would have prevented: the mailbox is active
 * again with that login as its last, and its holder and owner are told why. Refused (the lock
 * stays) when the customer has no room for another active mailbox (R-ACC-2).
 */
export async function reopenAfterLogin(ctx: ServiceContext, login: Login): Promise<"reopened" | "lockedAtLimit" | "recorded"> {
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const owner = await tx.mailbox.findUniqueOrThrow({ where: { id: login.mailboxId }, select: { customerId: true } });
    await lockCustomers(tx, owner.customerId);
    const [m] = await tx.$queryRaw<(Locked & { address: string; email: string })[]>`
      SELECT m.id, m.status::text AS status, m."lockReason"::text AS "lockReason", m."lockedAt", m."lastLoginAt", m."cycleStartedAt", m.address, c.email
      FROM "Mailbox" m JOIN "Customer" c ON c.id = m."customerId" WHERE m.id = ${login.mailboxId}::uuid FOR UPDATE OF m`;
    // Restored or reopened meanwhile: the login is kept, and there is nothing to undo.
    if (!m || m.status !== "LOCKED" || m.lockReason !== "INACTIVITY" || !m.lockedAt || login.at >= m.lockedAt) return "recorded";
    if (!(await hasRoomForAnotherMailbox(tx, owner.customerId))) return "lockedAtLimit";
    await tx.mailbox.update({
      where: { id: m.id },
      data: {
        status: "ACTIVE",
        lockReason: null,
        lockedAt: null,
        lastLoginAt: m.lastLoginAt && m.lastLoginAt > login.at ? m.lastLoginAt : login.at,
      },
    });
    await recordPlatformEvents(tx, [{ kind: "MAILBOX_RESTORED", mailboxId: m.id, address: m.address, reason: "reopened" }], now);
    const notice = await tx.notice.create({
      data: { mailboxId: m.id, kind: "REOPENED", cycle: m.lockedAt, deadline: login.at, queuedAt: now },
      select: { id: true },
    });
    await queueNoticeCopies(tx, notice.id, [m.address, m.email], now);
    await recordAudit(tx, ctx, {
      action: "mailbox.reopen",
      subjectType: "MAILBOX",
      subjectId: m.id,
      before: { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: m.lockedAt.toISOString() },
      after: { status: "ACTIVE", login: { protocol: login.protocol, at: login.at.toISOString() } },
    });
    return "reopened";
  });
}

export async function recordLoginBatch(
  db: Db,
  clock: Clock,
  entries: unknown[],
  requestId = `logins-${clock.now().toISOString()}`,
): Promise<LoginBatchResult> {
  const now = clock.now();
  const { valid, errors } = parseLoginBatch(entries, now);
  const addresses = [...new Set(valid.map((v) => v.address))];
  // Which mailbox each address is now; its state is read again under the row lock.
  const mailboxes = addresses.length
    ? await db.mailbox.findMany({ where: { address: { in: addresses }, status: { not: "DELETED" } }, select: { id: true, address: true } })
    : [];
  const idOf = new Map(mailboxes.map((m) => [m.address, m.id]));

  const results: LoginBatchResult["results"] = errors.map((e) => ({ index: e.index, outcome: e.error }));
  const known: (Login & { index: number })[] = [];
  for (const login of valid) {
    const mailboxId = idOf.get(login.address);
    // Retired and deleted addresses are unknown: they belong to no mailbox any more (R-ACC-3, R-ACC-4).
    if (!mailboxId) results.push({ index: login.index, outcome: "unknownAddress" });
    else known.push({ index: login.index, mailboxId, protocol: login.protocol, at: login.at });
  }

  const { outcomes, beforeLock } = await db.$transaction((tx) => applyLogins(tx, known, now));
  // Per mailbox, the latest login before its lock decides; the others are kept as recorded.
  const ctx: ServiceContext = { db, clock, actor: SYSTEM, requestId };
  const latest = new Map<string, Login>();
  for (const l of beforeLock) if ((latest.get(l.mailboxId)?.at ?? 0) < l.at) latest.set(l.mailboxId, l);
  const reopening = new Map<string, Awaited<ReturnType<typeof reopenAfterLogin>>>();
  for (const [mailboxId, login] of latest) reopening.set(mailboxId, await reopenAfterLogin(ctx, login));
  // Logins after an undone lock were refused by it: with the lock gone they count like any other.
  // applyLogins answers one outcome per login, in order: the indexes below always hit.
  const afterUndone = known.flatMap((login, i) =>
    outcomes[i] === "mailboxLocked" && reopening.get(login.mailboxId) === "reopened" ? [{ login, i }] : [],
  );
  if (afterUndone.length) {
    const again = await db.$transaction((tx) =>
      applyLogins(
        tx,
        afterUndone.map((u) => u.login),
        now,
      ),
    );
    afterUndone.forEach((u, j) => (outcomes[u.i] = again.outcomes[j]!));
  }
  known.forEach((l, i) => {
    const outcome = outcomes[i]!;
    if (outcome !== "beforeLock") return results.push({ index: l.index, outcome });
    const reopened = reopening.get(l.mailboxId)!;
    results.push({ index: l.index, outcome: reopened === "reopened" && latest.get(l.mailboxId) !== l ? "recorded" : reopened });
  });
  results.sort((a, b) => a.index - b.index);

  const count = (...o: LoginOutcome[]) => results.filter((r) => (o as string[]).includes(r.outcome)).length;
  return {
    accepted: count("recorded", "reopened", "lockedAtLimit"),
    alreadyKnown: count("alreadyKnown"),
    reopened: count("reopened"),
    errors: results
      .filter(
        (r): r is { index: number; outcome: LoginEntryError | "mailboxLocked" } =>
          r.outcome === "mailboxLocked" || !["recorded", "alreadyKnown", "reopened", "lockedAtLimit"].includes(r.outcome),
      )
      .map((r) => ({ index: r.index, error: r.outcome })),
    results,
  };
}
