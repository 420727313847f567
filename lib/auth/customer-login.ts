// Customer login (Mine sider): customer number or e-mail, password, and a code when the customer
// has turned on two-factor login.
import { z } from "zod";
import type { Db } from "@/lib/db";
import type { Clock } from "@/lib/clock";
import { POLICY } from "@/lib/policy";
import { passwordLogin, type LoginMeta, type LoginOutcome } from "@/lib/auth/password-login";

export const customerLoginSchema = z.object({
  identifier: z.string().trim().min(1).max(254),
  password: z
    .string()
    .min(1)
    .max(POLICY.passwords.maxLength * 4),
  code: z.string().max(64).optional(),
});

export async function loginCustomer(db: Db, clock: Clock, input: unknown, meta: LoginMeta): Promise<LoginOutcome> {
  const parsed = customerLoginSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const identifier = parsed.data.identifier.toLowerCase();
  const customer = await db.customer.findFirst({
    where: identifier.includes("@") ? { email: identifier } : { customerNumber: identifier },
    select: { id: true, passwordHash: true },
  });
  return passwordLogin(
    db,
    clock,
    {
      kind: "CUSTOMER",
      typed: identifier,
      account: customer && { kind: "CUSTOMER", ...customer },
      password: parsed.data.password,
      code: parsed.data.code,
    },
    meta,
  );
}
