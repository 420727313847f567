"use server";
// Server actions of Mine sider's mailbox pages (R-ACC-1), through the customer pipeline.
import { customerAction } from "@/lib/actions/pipeline";
import { env } from "@/lib/env";
import { withOutcome } from "@/lib/http/outcome";
import type { Messages } from "@/lib/i18n/nb";
import { mailboxErrorMessage } from "@/lib/mailboxes/error-messages";
import { addressingOf } from "@/lib/mailboxes/rules";
import * as schemas from "@/lib/mailboxes/schemas";
import * as mailboxes from "@/lib/mailboxes/service";
import type { MailboxError } from "@/lib/mailboxes/service";

const LIST = "/mine-sider/internett/e-postkontoer";
const message = (m: Messages, code: MailboxError) => mailboxErrorMessage(m, code, env().MAIL_DOMAIN);
const done = (flash: string) => (mailbox?: { address: string }) =>
  withOutcome(LIST, { ok: flash }, mailbox ? { adresse: mailbox.address } : {});

export const createMailboxAction = customerAction({
  schema: schemas.createMailboxSchema,
  keep: ["localPart", "displayName"],
  run: (ctx, input) => mailboxes.createMailbox(ctx, addressingOf(env()), input),
  message,
  done: done("created"),
});

export const renameMailboxAction = customerAction({
  schema: schemas.renameMailboxSchema,
  keep: ["localPart"],
  run: (ctx, input) => mailboxes.renameMailbox(ctx, addressingOf(env()), input),
  message,
  done: done("renamed"),
});

export const changeDisplayNameAction = customerAction({
  schema: schemas.displayNameSchema,
  keep: ["displayName"],
  run: (ctx, input) => mailboxes.changeDisplayName(ctx, input),
  message,
  done: () => done("displayName")(),
});

export const changeMailboxPasswordAction = customerAction({
  schema: schemas.mailboxPasswordSchema,
  run: (ctx, input) => mailboxes.changeMailboxPassword(ctx, input),
  message,
  done: () => done("password")(),
});

export const deleteMailboxAction = customerAction({
  schema: schemas.deleteMailboxSchema,
  keep: ["confirmAddress"],
  run: (ctx, input) => mailboxes.deleteMailbox(ctx, input),
  message,
  done: done("deleted"),
});

export const restoreMailboxAction = customerAction({
  schema: schemas.restoreMailboxSchema,
  run: (ctx, input) => mailboxes.restoreMailbox(ctx, input),
  message,
  done: done("restored"),
});
