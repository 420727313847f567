"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { mailboxAction, plainForm } from "@/lib/actions/pipeline";
import { openCleanmailFromSettings } from "@/lib/cleanmail/service";
import { startCleanmailSession } from "@/lib/cleanmail/session";
import { twoFactorConfig } from "@/lib/env";
import { ok } from "@/lib/errors/domain";
import { ownPasswordField, ownPasswordMessage, ownPasswordSchema } from "@/lib/forms/own-password";
import { changeOwnMailboxPassword } from "@/lib/mailboxes/self-service";
import { appPasswordMessage, createAppPassword, revokeAppPassword, setRequireAppPasswords } from "@/lib/mailboxes/app-passwords";
import type { CreatedAppPasswordState } from "@/lib/forms/app-passwords";

const SETTINGS = "/e-post/innstillinger";

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

/** R-SEC-6: a new app password, shown once in the form's state (never in a URL or the page). */
export const createAppPasswordAction = mailboxAction({
  schema: z.object({ name: z.string().max(400, { error: "tooLong" }) }),
  keep: ["name"],
  run: async (ctx, input) => {
    const result = await createAppPassword(ctx, twoFactorConfig(), input);
    // The list beside the form shows the new one while the form shows its password.
    if (result.ok) revalidatePath(SETTINGS);
    return result;
  },
  message: appPasswordMessage,
  fieldOf: (code) => (code === "limitReached" ? undefined : "name"),
  done: (value): CreatedAppPasswordState => ({ created: { name: value.name, password: value.password } }),
});

export const revokeAppPasswordAction = plainForm(
  mailboxAction({
    schema: z.object({ appPasswordId: z.string().max(64) }),
    run: (ctx, input) => revokeAppPassword(ctx, twoFactorConfig(), input),
    message: appPasswordMessage,
    malformed: "notFound",
    refused: (code) => `${SETTINGS}?apppassord=${code === "notFound" ? "ukjent" : "feil"}#apppassord`,
    done: (value) => `${SETTINGS}?slettet=${encodeURIComponent(value.name)}#apppassord`,
  }),
);

export const requireAppPasswordsAction = plainForm(
  mailboxAction({
    schema: z.object({ require: z.enum(["on", "off"]) }),
    run: (ctx, input) => setRequireAppPasswords(ctx, { require: input.require === "on" }),
    message: appPasswordMessage,
    malformed: "notFound",
    refused: () => `${SETTINGS}?apppassord=feil#apppassord`,
    done: () => `${SETTINGS}?krav=endret#apppassord`,
  }),
);
