"use server";
// The admin view's actions: the agent guard, the form parsed with zod, one service call, and the
// page again with what happened (or the refusal, in words, on the form).
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireAgent } from "@/lib/auth/guards";
import { requestMeta } from "@/lib/auth/request";
import { db } from "@/lib/db";
import { commerceConfig, env } from "@/lib/env";
import type { ActionState } from "@/lib/forms/action-state";
import { formValues } from "@/lib/forms/action-state";
import { getMessages } from "@/lib/i18n/server";
import { requestClock } from "@/lib/test-clock";
import { liftSendingBlock, resendLastNotice, restoreAsAgent, setBroadbandStatusAsAgent, switchOffTwoFactorAsAgent, type AdminActionError } from "@/lib/admin/service";
import { fail, type Result } from "@/lib/errors/domain";
import { startOfOsloDay } from "@/lib/lifecycle/calendar";

const common = z.object({ id: z.string().uuid(), version: z.string().min(1).max(40), reason: z.string().max(2000) });

async function run(form: FormData, extra: string[], call: (ctx: Awaited<ReturnType<typeof context>>, input: Record<string, string>) => Promise<Result<unknown, AdminActionError>>, done: (id: string) => string): Promise<ActionState> {
  const ctx = await context();
  const m = await getMessages();
  const values = formValues(form, ["id", "version", "reason", ...extra]);
  if (!common.safeParse(values).success) return { formError: m.admin.errors.notFound };
  const result = await call(ctx, values);
  if (!result.ok) {
    const message = m.admin.errors[result.error.code] ?? m.form.unexpected;
    const field = result.error.field;
    return field ? { fieldErrors: { [field]: message }, values: { reason: values.reason } } : { formError: message, values: { reason: values.reason } };
  }
  redirect(done(values.id));
}

async function context() {
  const agent = await requireAgent();
  const { requestId } = await requestMeta();
  return { db: db(), clock: await requestClock(db()), actor: { kind: "AGENT" as const, agentId: agent.agentId, role: agent.role }, requestId };
}

const mailboxPage = (what: string) => (id: string) => `/admin/e-postkontoer/${id}?utfort=${what}`;

export async function restoreAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return run(form, [], (ctx, v) => restoreAsAgent(ctx, { mailboxId: v.id, version: v.version, reason: v.reason }), mailboxPage("restore"));
}

export async function resendNoticeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return run(form, [], (ctx, v) => resendLastNotice(ctx, { mailboxId: v.id, version: v.version, reason: v.reason }), mailboxPage("resend"));
}

export async function twoFactorOffAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return run(
    form,
    ["identityChecked"],
    (ctx, v) => switchOffTwoFactorAsAgent(ctx, env().MAIL_BRAND, { mailboxId: v.id, version: v.version, reason: v.reason, identityChecked: v.identityChecked === "on" }),
    mailboxPage("twoFactorOff"),
  );
}

export async function liftBlockAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return run(form, [], (ctx, v) => liftSendingBlock(ctx, { mailboxId: v.id, version: v.version, reason: v.reason }), mailboxPage("liftBlock"));
}

const dateSchema = z.union([z.literal(""), z.iso.date()]);

export async function broadbandAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return run(
    form,
    ["status", "endedOn"],
    async (ctx, v) => {
      const date = dateSchema.safeParse(v.endedOn.trim());
      if (!date.success) return fail<AdminActionError>("date.invalid", "endedOn");
      const status = v.status === "ENDED" ? "ENDED" : "ACTIVE";
      return setBroadbandStatusAsAgent(ctx, commerceConfig(), { customerId: v.id, version: v.version, reason: v.reason, status, endedOn: date.data ? startOfOsloDay(date.data) : undefined });
    },
    (id) => `/admin/kunder/${id}?utfort=broadband`,
  );
}
