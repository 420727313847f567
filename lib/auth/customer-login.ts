// Customer login (Mine sider): customer number or e-mail plus password, throttled, with a generic
// error that does not tell which part was wrong or whether the account exists.
import { z } from "zod";
import type { Db } from "@/lib/db";
import type { Clock } from "@/lib/clock";
import { burnPasswordCheck, verifyPassword } from "@/lib/passwords/hash";
import { POLICY } from "@/lib/policy";
import { checkThrottle, recordFailure, recordSuccess, throttleKeys } from "@/lib/auth/throttle";
import { openSession } from "@/lib/auth/sessions";

export const customerLoginSchema = z.object({
  identifier: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(POLICY.passwords.maxLength * 4),
});

export type LoginOutcome =
  | { ok: true; customerId: string; sessionId: string; accountKey: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAt: Date };

export async function loginCustomer(
  db: Db,
  clock: Clock,
  input: unknown,
  meta: { ip: string; userAgent?: string; isKnownDevice: (accountKey: string) => boolean },
): Promise<LoginOutcome> {
  const parsed = customerLoginSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const identifier = parsed.data.identifier.toLowerCase();
  const now = clock.now();
  const customer = await db.customer.findFirst({
    where: identifier.includes("@") ? { email: identifier } : { customerNumber: identifier },
    omit: { passwordHash: false },
  });
  // Counted per customer whichever identifier was typed; per typed text for unknown accounts.
  const accountKey = customer?.id ?? identifier;
  const keys = throttleKeys("customer", accountKey, meta.ip);
  const verdict = await checkThrottle(db, keys, now, meta.isKnownDevice(accountKey));
  if (!verdict.allowed) return { ok: false, reason: "throttled", retryAt: verdict.retryAt };

  if (!customer) {
    await burnPasswordCheck(parsed.data.password);
  }
  const valid = customer ? await verifyPassword(customer.passwordHash, parsed.data.password) : false;
  if (!customer || !valid) {
    await recordFailure(db, keys, now);
    await db.auditEvent.create({
      data: { at: now, actorKind: "SYSTEM", actorId: "login", action: "customer.login.failed", subjectType: "CUSTOMER", subjectId: customer?.id ?? identifier.slice(0, 254), after: { ip: meta.ip } },
    });
    return { ok: false, reason: "invalid" };
  }
  await recordSuccess(db, keys);
  const session = await openSession(db, "CUSTOMER", customer.id, now, meta);
  await db.auditEvent.create({
    data: { at: now, actorKind: "CUSTOMER", actorId: customer.id, action: "customer.login", subjectType: "SESSION", subjectId: session.id, after: { ip: meta.ip } },
  });
  return { ok: true, customerId: customer.id, sessionId: session.id, accountKey };
}
