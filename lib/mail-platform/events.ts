// The mail platform's event stream (R-PLAT-3, docs/mail-platform.md "Events"): every change a mail
// server must act on is written with the change (recordPlatformEvents, in the caller's
// transaction), and consumers apply it to every Dovecot backend (applyPlatformEvents): claimed with
// a lease (FOR UPDATE SKIP LOCKED), retried with growing waits, acknowledged once every backend has
// done its part. At least once, in order per mailbox; every action is idempotent.
import type { Db, Tx } from "@/lib/db";
import { doveadm, type DoveadmCommand, type DovecotBackend } from "@/lib/mail-platform/doveadm";
import { POLICY } from "@/lib/policy";

export type PlatformEventKind =
  | "PASSWORD_CHANGED"
  | "TWO_FACTOR_CHANGED"
  | "APP_PASSWORD_CREATED"
  | "APP_PASSWORD_REVOKED"
  | "APP_PASSWORDS_REQUIRED"
  | "MAILBOX_LOCKED"
  | "MAILBOX_RESTORED"
  | "MAILBOX_RENAMED"
  | "MAILBOX_DELETED";

export type PlatformEvent = {
  kind: PlatformEventKind;
  mailboxId: string;
  /** The mailbox's address now; a rename names the old one in `previousAddress`. */
  address: string;
  previousAddress?: string;
  /** Why, for the record (a lock's or a deletion's reason). */
  reason?: string;
};

/** Kinds after which nobody may stay logged in with what they had (R-SEC-7). */
const ENDS_SESSIONS = new Set<PlatformEventKind>([
  "PASSWORD_CHANGED",
  "TWO_FACTOR_CHANGED",
  "APP_PASSWORD_REVOKED",
  "APP_PASSWORDS_REQUIRED",
  "MAILBOX_LOCKED",
  "MAILBOX_RENAMED",
  "MAILBOX_DELETED",
]);

/** Writes the events in the caller's transaction, so they exist exactly when the change does. */
export async function recordPlatformEvents(tx: Tx, events: PlatformEvent[], now: Date): Promise<void> {
  if (events.length === 0) return;
  await tx.mailPlatformEvent.createMany({
    data: events.map((e) => ({
      kind: e.kind,
      mailboxId: e.mailboxId,
      address: e.address,
      // A deletion's mail must be gone as soon as the servers can (R-ACC-5).
      payload: {
        ...(e.previousAddress ? { from: e.previousAddress, to: e.address } : {}),
        ...(e.reason ? { reason: e.reason } : {}),
        ...(e.kind === "MAILBOX_DELETED" ? { mailGoneBy: now.toISOString() } : {}),
      },
      createdAt: now,
    })),
  });
}

type Claimed = {
  id: bigint;
  kind: PlatformEventKind;
  mailboxId: string;
  address: string;
  payload: { from?: string };
  backendsDone: string[];
};

/** What one event asks of a Dovecot backend: end sessions, forget cached logins, remove mail. */
export function doveadmCommands(event: Pick<Claimed, "id" | "kind" | "address" | "payload">): DoveadmCommand[] {
  const users = [...new Set([event.address, event.payload.from].filter((a): a is string => !!a))];
  const tag = (what: string) => `${event.id}:${what}`;
  const commands: DoveadmCommand[] = [["authCacheFlush", { user: users }, tag("flush")]];
  // doveadm kick takes one user mask per command.
  if (ENDS_SESSIONS.has(event.kind)) users.forEach((user, i) => commands.push(["kick", { mask: [user] }, tag(`kick${i}`)]));
  if (event.kind === "MAILBOX_DELETED") commands.push(["expunge", { user: event.address, query: ["mailbox", "*", "all"] }, tag("purge")]);
  return commands;
}

// doveadm's exit codes that mean "nothing to do": no session to kick (68), no such user (67: a
// deleted mailbox whose mail is gone already).
const NOTHING_TO_DO = /"exitCode":(67|68)\b/;

export type ApplyReport = { claimed: number; applied: number; failed: number };

/**
 * Claims up to `limit` events that are due (the oldest not-yet-applied event of each mailbox
 * only, so a mailbox's events are applied in order), applies them to every backend that has not
 * yet, and acknowledges or schedules a retry. Several consumers may run at once.
 */
export async function applyPlatformEvents(
  db: Db,
  backends: DovecotBackend[],
  options: { consumer: string; limit?: number; leaseSeconds?: number },
): Promise<ApplyReport> {
  const limit = options.limit ?? POLICY.platformEvents.batch;
  const lease = `${options.leaseSeconds ?? POLICY.platformEvents.leaseSeconds} seconds`;
  const claimed = await db.$queryRaw<Claimed[]>`
    UPDATE "MailPlatformEvent" e
    SET "leasedUntil" = now() + ${lease}::interval, "leasedBy" = ${options.consumer}, attempts = e.attempts + 1
    WHERE e.id IN (
      SELECT c.id FROM "MailPlatformEvent" c
      WHERE c."processedAt" IS NULL AND c."availableAt" <= now() AND (c."leasedUntil" IS NULL OR c."leasedUntil" < now())
        -- The mailbox's oldest pending event only: one index probe per candidate (a plan the
        -- planner cannot turn into a scan of the whole table, as it did NOT EXISTS: bench).
        AND c.id = (SELECT min(p.id) FROM "MailPlatformEvent" p WHERE p."mailboxId" = c."mailboxId" AND p."processedAt" IS NULL)
      ORDER BY c."availableAt", c.id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING e.id, e.kind, e."mailboxId", e.address, e.payload, e."backendsDone"`;
  if (claimed.length === 0) return { claimed: 0, applied: 0, failed: 0 };

  // Per event: what it asks of a backend, the backends that applied it now, and the first error.
  const commandsOf = new Map(claimed.map((e) => [e.id, doveadmCommands(e)]));
  const done = new Map<bigint, string[]>(claimed.map((e) => [e.id, [...e.backendsDone]]));
  const errors = new Map<bigint, string>();
  await Promise.all(
    backends.map(async (backend) => {
      const todo = claimed.filter((e) => !e.backendsDone.includes(backend.name));
      if (todo.length === 0) return;
      try {
        const results = await doveadm(
          backend,
          todo.flatMap((e) => commandsOf.get(e.id)!),
        );
        for (const event of todo) {
          const failure = commandsOf
            .get(event.id)!
            .map(([, , tag]) => results.get(tag))
            .find((r) => r && !NOTHING_TO_DO.test(r));
          if (failure) errors.set(event.id, `${backend.name}: ${failure}`);
          else done.get(event.id)!.push(backend.name);
        }
      } catch (error) {
        // The backend is down or unreachable: every event waits for it, none is lost.
        for (const event of todo) errors.set(event.id, `${backend.name}: ${(error as Error).message}`);
      }
    }),
  );

  const outcome = claimed.map((e) => {
    const ok = backends.every((b) => done.get(e.id)!.includes(b.name));
    return {
      id: String(e.id),
      kind: e.kind,
      mailboxId: e.mailboxId,
      done: done.get(e.id)!,
      ok,
      error: ok ? null : (errors.get(e.id) ?? null),
    };
  });
  const finished = outcome.filter((o) => o.ok);
  // One statement for the whole batch, only for events this consumer still holds.
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`
      UPDATE "MailPlatformEvent" e SET "backendsDone" = ARRAY(SELECT jsonb_array_elements_text(o.done)), "leasedUntil" = NULL, "leasedBy" = NULL,
        "processedAt" = CASE WHEN o.ok THEN now() END,
        "lastError" = o.error,
        "availableAt" = CASE WHEN o.ok THEN e."availableAt"
                        ELSE now() + least(${POLICY.platformEvents.maxBackoffSeconds}, power(2, e.attempts)) * interval '1 second' END
      FROM jsonb_to_recordset(${JSON.stringify(outcome)}::jsonb) AS o(id bigint, done jsonb, ok boolean, error text)
      WHERE e.id = o.id AND e."leasedBy" = ${options.consumer}`;
    // R-ACC-5: "deleted for good" is true once every backend removed the mail.
    const purged = finished.filter((e) => e.kind === "MAILBOX_DELETED").map((e) => e.mailboxId);
    if (purged.length)
      await tx.$executeRaw`UPDATE "Mailbox" SET "mailPurgedAt" = now() WHERE id = ANY(${purged}::uuid[]) AND "mailPurgedAt" IS NULL`;
  });
  return { claimed: claimed.length, applied: finished.length, failed: claimed.length - finished.length };
}

/**
 * Applies events as they come, until stopped: a round right away whenever the last one found
 * work, otherwise every POLICY.platformEvents.idleMs. For the worker and `npm run mail-platform`.
 */
export function startPlatformEventConsumer(db: Db, backends: DovecotBackend[], consumer: string, log: (line: string) => void = () => {}) {
  let running = true;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (running) {
      let found = false;
      try {
        const report = await applyPlatformEvents(db, backends, { consumer });
        found = report.claimed > 0;
        if (report.failed) log(`mail platform: ${report.applied} events applied, ${report.failed} to retry`);
      } catch (error) {
        log(`mail platform: ${(error as Error).message}`);
      }
      if (!found) await new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, POLICY.platformEvents.idleMs)));
    }
  })();
  return {
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}

/**
 * What the admin view shows (R-PLAT-3): events not applied yet (of one mailbox, or all), the
 * oldest's time, and the last error a backend gave, so an unreachable backend is seen.
 */
export async function platformEventBacklog(db: Db, mailboxId?: string) {
  const [row] = await db.$queryRaw<{ waiting: number; oldest: Date | null; lastError: string | null }[]>`
    SELECT count(*)::int AS waiting, min("createdAt") AS oldest,
           (array_agg("lastError" ORDER BY id DESC) FILTER (WHERE "lastError" IS NOT NULL))[1] AS "lastError"
    FROM "MailPlatformEvent" WHERE "processedAt" IS NULL AND (${mailboxId ?? null}::uuid IS NULL OR "mailboxId" = ${mailboxId ?? null}::uuid)`;
  return row ?? { waiting: 0, oldest: null, lastError: null };
}

/**
 * The event stream in Prometheus's text format: events waiting, the oldest one's age, and per
 * backend the events its last attempt failed (the backend named in `lastError`).
 */
export async function platformEventMetrics(db: Db): Promise<string> {
  const totals = await platformEventBacklog(db);
  const failing = await db.$queryRaw<{ backend: string; events: number }[]>`
    SELECT split_part("lastError", ':', 1) AS backend, count(*)::int AS events
    FROM "MailPlatformEvent" WHERE "processedAt" IS NULL AND "lastError" IS NOT NULL GROUP BY 1 ORDER BY 1`;
  const label = (v: string) => v.replace(/[\\"\n]/g, "_");
  return [
    "# HELP mail_platform_events_waiting Events not yet applied by every Dovecot backend.",
    "# TYPE mail_platform_events_waiting gauge",
    `mail_platform_events_waiting ${totals.waiting}`,
    "# HELP mail_platform_events_oldest_seconds Age of the oldest event not yet applied.",
    "# TYPE mail_platform_events_oldest_seconds gauge",
    `mail_platform_events_oldest_seconds ${totals.oldest ? Math.max(0, (Date.now() - totals.oldest.getTime()) / 1000).toFixed(1) : "0.0"}`,
    "# HELP mail_platform_events_failing Events waiting because a backend's last attempt failed.",
    "# TYPE mail_platform_events_failing gauge",
    ...failing.map((f) => `mail_platform_events_failing{backend="${label(f.backend)}"} ${f.events}`),
    "",
  ].join("\n");
}
