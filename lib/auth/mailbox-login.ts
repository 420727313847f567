// Mailbox-user login to the mailbox settings area: the address, the mailbox password, and a code
// when the mailbox has two-factor login. It counts as a login for the inactivity rules (R-LC-4),
// like webmail or IMAP.
import { z } from "zod";
import type { Db } from "@/lib/db";
import type { Clock } from "@/lib/clock";
import { POLICY } from "@/lib/policy";
import { passwordLogin, type LoginMeta, type LoginOutcome } from "@/lib/auth/password-login";
import { applyLogins } from "@/lib/lifecycle/login-service";

export const mailboxLoginSchema = z.object({
  address: z.string().trim().min(3).max(320),
  password: z
    .string()
    .min(1)
    .max(POLICY.passwords.maxLength * 4),
  // The second step, when the mailbox has two-factor login: a code from the app or a recovery code.
  code: z.string().max(64).optional(),
});

export async function loginMailbox(db: Db, clock: Clock, input: unknown, meta: LoginMeta): Promise<LoginOutcome> {
  const parsed = mailboxLoginSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const address = parsed.data.address.toLowerCase();
  // Only an active mailbox can log in: a locked one is restored by its owner on Mine sider (R-LC-3).
  const mailbox = await db.mailbox.findFirst({ where: { address, status: "ACTIVE" }, select: { id: true, passwordHash: true } });
  return passwordLogin(
    db,
    clock,
    {
      kind: "MAILBOX",
      typed: address,
      account: mailbox && { kind: "MAILBOX", ...mailbox },
      password: parsed.data.password,
      code: parsed.data.code,
      onLogin: async (tx, mailboxId, now) => {
        // R-LC-4: a login here keeps the mailbox alive, exactly like one over IMAP or webmail.
        await applyLogins(tx, [{ mailboxId, protocol: "PORTAL", at: now }], now);
      },
    },
    meta,
  );
}
