"use server";
import { z } from "zod";
import { mailboxAction, plainForm } from "@/lib/actions/pipeline";
import { openCleanmailFromSettings } from "@/lib/cleanmail/service";
import { startCleanmailSession } from "@/lib/cleanmail/session";
import { twoFactorConfig } from "@/lib/env";
import { ok } from "@/lib/errors/domain";
import { ownPasswordField, ownPasswordMessage, ownPasswordSchema } from "@/lib/forms/own-password";
import { changeOwnMailboxPassword } from "@/lib/mailboxes/self-service";

export const changeOwnMailboxPasswordAction = mailboxAction({
  schema: ownPasswordSchema,
  run: (ctx, input) => changeOwnMailboxPassword(ctx, twoFactorConfig(), { ...input, currentSessionId: ctx.session.sessionId, ip: ctx.ip }),
  message: ownPasswordMessage((m) => m.mailboxArea.wrongCurrent),
  fieldOf: ownPasswordField,
  done: (value) => `/e-post/innstillinger?endret=${value.otherSessionsEnded}`,
});

/** The mailbox user, signed in with the mailbox's password (and code), opens its Cleanmail directly. */
export const openCleanmailAction = plainForm(
  mailboxAction({
    schema: z.object({}),
    run: async (ctx) => {
      await startCleanmailSession(await openCleanmailFromSettings(ctx, { ip: ctx.ip, userAgent: ctx.userAgent }));
      return ok(null);
    },
    message: (m) => m.form.unexpected,
    done: () => "/cleanmail",
  }),
);
