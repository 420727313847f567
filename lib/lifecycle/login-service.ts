// Records logins (R-LC-4): keeps the new ones, moves each mailbox's last login forward (never
// back), and changes nothing when the same batch comes again.
import type { Clock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { parseLoginBatch, type LoginEntryError, type ParsedLogin } from "@/lib/lifecycle/login-events";

export type LoginBatchResult = {
  accepted: number;
  alreadyKnown: number;
  errors: { index: number; error: LoginEntryError | "mailboxLocked" }[];
};

export async function recordLoginBatch(db: Db, clock: Clock, entries: unknown[]): Promise<LoginBatchResult> {
  const { valid, errors } = parseLoginBatch(entries, clock.now());
  const addresses = [...new Set(valid.map((v) => v.address))];
  const mailboxes = addresses.length
    ? await db.mailbox.findMany({ where: { address: { in: addresses }, status: { not: "DELETED" } }, select: { id: true, address: true, status: true } })
    : [];
  const byAddress = new Map(mailboxes.map((m) => [m.address, m]));

  const allErrors: LoginBatchResult["errors"] = [...errors];
  const known: (ParsedLogin & { mailboxId: string })[] = [];
  for (const login of valid) {
    const mailbox = byAddress.get(login.address);
    // Retired and deleted addresses are unknown: they belong to no mailbox any more (R-ACC-3, R-ACC-4).
    if (!mailbox) allErrors.push({ index: login.index, error: "unknownAddress" });
    // A locked mailbox cannot log in; a report that it did is an error of the reporter.
    else if (mailbox.status !== "ACTIVE") allErrors.push({ index: login.index, error: "mailboxLocked" });
    else known.push({ ...login, mailboxId: mailbox.id });
  }
  allErrors.sort((a, b) => a.index - b.index);
  if (known.length === 0) return { accepted: 0, alreadyKnown: 0, errors: allErrors };

  const latest = new Map<string, Date>();
  for (const k of known) if (!latest.has(k.mailboxId) || latest.get(k.mailboxId)! < k.at) latest.set(k.mailboxId, k.at);

  const accepted = await db.$transaction(async (tx) => {
    const { count } = await tx.loginEvent.createMany({
      data: known.map((k) => ({ mailboxId: k.mailboxId, protocol: k.protocol, at: k.at, receivedAt: clock.now() })),
      skipDuplicates: true,
    });
    // One statement for the whole batch; GREATEST keeps a late-arriving older login from moving
    // the date back, and makes a re-sent batch a no-op.
    await tx.$executeRaw`
      UPDATE "Mailbox" AS m SET "lastLoginAt" = GREATEST(COALESCE(m."lastLoginAt", v.at), v.at)
      FROM (SELECT unnest(${[...latest.keys()]}::uuid[]) AS id,
                   unnest(${[...latest.values()].map((d) => d.toISOString())}::timestamptz[]) AT TIME ZONE 'UTC' AS at) AS v
      WHERE m.id = v.id AND m.status = 'ACTIVE'`;
    return count;
  });
  return { accepted, alreadyKnown: known.length - accepted, errors: allErrors };
}
