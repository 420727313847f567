// Mailbox-user login to the mailbox settings area: the address and the mailbox password. It counts
// as a login for the inactivity rules (R-LC-4), like webmail or IMAP. Throttled like customers'.
import { z } from "zod";
import type { Db } from "@/lib/db";
import type { Clock } from "@/lib/clock";
import { burnPasswordCheck, verifyPassword } from "@/lib/passwords/hash";
import { POLICY } from "@/lib/policy";
import { checkThrottle, recordFailure, recordSuccess, throttleKeys } from "@/lib/auth/throttle";
import { openSession } from "@/lib/auth/sessions";
import type { LoginOutcome } from "@/lib/auth/customer-login";
import { verifySecondFactor } from "@/lib/two-factor/mailbox-two-factor";

export const mailboxLoginSchema = z.object({
  address: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(POLICY.passwords.maxLength * 4),
  // The second step, when the mailbox has two-factor login: a code from the app or a recovery code.
  code: z.string().max(64).optional(),
});

export type MailboxLoginOutcome =
  | { ok: true; mailboxId: string; sessionId: string; accountKey: string }
  | Exclude<LoginOutcome, { ok: true }>
  | { ok: false; reason: "codeRequired" | "codeInvalid" };

export async function loginMailbox(
  db: Db,
  clock: Clock,
  input: unknown,
  meta: {
    ip: string;
    userAgent?: string;
    isKnownDevice: (accountKey: string) => boolean;
    /** Read only when the mailbox has two-factor login. */
    secondFactor: () => { key: Buffer; brand: string };
  },
): Promise<MailboxLoginOutcome> {
  const parsed = mailboxLoginSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const address = parsed.data.address.toLowerCase();
  const now = clock.now();
  // Only an active mailbox can log in: a locked one is restored by its owner on Mine sider (R-LC-3).
  const mailbox = await db.mailbox.findFirst({ where: { address, status: "ACTIVE" }, omit: { passwordHash: false } });
  const accountKey = mailbox?.id ?? address;
  const keys = throttleKeys("mailbox", accountKey, meta.ip);
  const verdict = await checkThrottle(db, keys, now, meta.isKnownDevice(accountKey));
  if (!verdict.allowed) return { ok: false, reason: "throttled", retryAt: verdict.retryAt };

  if (!mailbox) await burnPasswordCheck(parsed.data.password);
  if (!mailbox || !(await verifyPassword(mailbox.passwordHash, parsed.data.password))) {
    await recordFailure(db, keys, now);
    await db.auditEvent.create({
      data: { at: now, actorKind: "SYSTEM", actorId: "login", action: "mailbox.login.failed", subjectType: "MAILBOX", subjectId: mailbox?.id ?? address.slice(0, 320), after: { ip: meta.ip } },
    });
    return { ok: false, reason: "invalid" };
  }
  if (mailbox.totpEnabledAt) {
    // The password was right; no session until the second step is too (R-SEC-1).
    if (!parsed.data.code?.trim()) return { ok: false, reason: "codeRequired" };
    const { key, brand } = meta.secondFactor();
    const second = await verifySecondFactor(db, key, brand, mailbox.id, parsed.data.code, now);
    if (!second.ok) {
      await recordFailure(db, keys, now);
      return { ok: false, reason: "codeInvalid" };
    }
  }
  await recordSuccess(db, keys);
  await db.$transaction(async (tx) => {
    // R-LC-4: a login here keeps the mailbox alive, exactly like one over IMAP or webmail.
    await tx.loginEvent.createMany({ data: [{ mailboxId: mailbox.id, protocol: "PORTAL", at: now, receivedAt: now }], skipDuplicates: true });
    await tx.$executeRaw`UPDATE "Mailbox" SET "lastLoginAt" = GREATEST(COALESCE("lastLoginAt", ${now}::timestamp), ${now}::timestamp) WHERE id = ${mailbox.id}::uuid`;
    await tx.auditEvent.create({
      data: { at: now, actorKind: "MAILBOX", actorId: mailbox.id, action: "mailbox.login", subjectType: "MAILBOX", subjectId: mailbox.id, after: { ip: meta.ip } },
    });
  });
  const session = await openSession(db, "MAILBOX", mailbox.id, now, meta);
  return { ok: true, mailboxId: mailbox.id, sessionId: session.id, accountKey };
}
