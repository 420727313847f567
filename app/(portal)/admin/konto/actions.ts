"use server";
import { agentAction } from "@/lib/actions/pipeline";
import { changeOwnPassword } from "@/lib/customers/service";
import { twoFactorConfig } from "@/lib/env";
import { ownPasswordField, ownPasswordMessage, ownPasswordSchema } from "@/lib/forms/own-password";

export const changeAgentPasswordAction = agentAction({
  schema: ownPasswordSchema,
  run: (ctx, input) => changeOwnPassword(ctx, twoFactorConfig(), { ...input, currentSessionId: ctx.session.sessionId, ip: ctx.ip }),
  message: ownPasswordMessage((m) => m.account.wrongCurrent),
  fieldOf: ownPasswordField,
  done: (value) => `/admin/konto?endret=${value.otherSessionsEnded}`,
});
