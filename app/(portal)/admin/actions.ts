"use server";
// The admin view's actions on mailboxes and customers, through the agent pipeline: each asks why
// (the reason goes into the audit event) and names the version of the page it was sent from.
import { z } from "zod";
import { agentAction } from "@/lib/actions/pipeline";
import { adminErrorMessage } from "@/lib/admin/error-messages";
import {
  liftSendingBlock,
  resendLastNotice,
  restoreAsAgent,
  setBroadbandStatusAsAgent,
  switchOffTwoFactorAsAgent,
} from "@/lib/admin/service";
import { commerceConfig, env } from "@/lib/env";
import { withOutcome } from "@/lib/http/outcome";
import { startOfOsloDay } from "@/lib/lifecycle/calendar";

const common = { id: z.uuid(), version: z.string().min(1).max(40), reason: z.string().max(2000) };
const asked = z.object(common);
const base = { keep: ["reason"], malformed: "notFound" as const, message: adminErrorMessage };
const mailboxPage = (what: string) => (_value: unknown, input: { id: string }) =>
  withOutcome(`/admin/e-postkontoer/${input.id}`, { ok: what });
const on = (input: z.output<typeof asked>) => ({ mailboxId: input.id, version: input.version, reason: input.reason });

export const restoreAction = agentAction({
  ...base,
  schema: asked,
  run: (ctx, input) => restoreAsAgent(ctx, on(input)),
  done: mailboxPage("restore"),
});

export const resendNoticeAction = agentAction({
  ...base,
  schema: asked,
  run: (ctx, input) => resendLastNotice(ctx, on(input)),
  done: mailboxPage("resend"),
});

export const twoFactorOffAction = agentAction({
  ...base,
  schema: z.object({
    ...common,
    identityChecked: z
      .string()
      .optional()
      .transform((v) => v === "on"),
  }),
  run: (ctx, input) => switchOffTwoFactorAsAgent(ctx, env().MAIL_BRAND, { ...on(input), identityChecked: input.identityChecked }),
  done: mailboxPage("twoFactorOff"),
});

export const liftBlockAction = agentAction({
  ...base,
  schema: asked,
  run: (ctx, input) => liftSendingBlock(ctx, on(input)),
  done: mailboxPage("liftBlock"),
});

export const broadbandAction = agentAction({
  ...base,
  schema: z.object({ ...common, status: z.enum(["ACTIVE", "ENDED"]), endedOn: z.union([z.literal(""), z.iso.date()]) }),
  run: (ctx, input) =>
    setBroadbandStatusAsAgent(ctx, commerceConfig(), {
      customerId: input.id,
      version: input.version,
      reason: input.reason,
      status: input.status,
      endedOn: input.endedOn ? startOfOsloDay(input.endedOn) : undefined,
    }),
  done: (_value, input) => withOutcome(`/admin/kunder/${input.id}`, { ok: "broadband" }),
});
