"use server";
// Server actions of Mine sider's mailbox pages: parse, authorize, call one service, answer.
import { redirect } from "next/navigation";
import type { z } from "zod";
import { db } from "@/lib/db";
import { addressing, env } from "@/lib/env";
import { requestClock } from "@/lib/test-clock";
import type { ServiceContext } from "@/lib/actor";
import { requireCustomer } from "@/lib/auth/guards";
import { requestMeta } from "@/lib/auth/request";
import { getMessages } from "@/lib/i18n/server";
import type { ActionState } from "@/lib/forms/action-state";
import { formValues } from "@/lib/forms/action-state";
import { mailboxErrorMessage } from "@/lib/mailboxes/error-messages";
import * as schemas from "@/lib/mailboxes/schemas";
import * as mailboxes from "@/lib/mailboxes/service";
import type { MailboxError } from "@/lib/mailboxes/service";
import type { DomainError } from "@/lib/errors/domain";

const LIST = "/mine-sider/internett/e-postkontoer";

async function customerContext(): Promise<ServiceContext> {
  const { customerId } = await requireCustomer();
  const { requestId } = await requestMeta();
  return { db: db(), clock: await requestClock(db()), actor: { kind: "CUSTOMER", customerId }, requestId };
}

/** Parses with zod; a wrong shape or size becomes field errors, and nothing is called. */
async function parse<S extends z.ZodType>(schema: S, form: FormData, fields: readonly string[], keep: readonly string[]) {
  const raw = formValues(form, fields);
  const values = Object.fromEntries(keep.map((k) => [k, raw[k].slice(0, 400)]));
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { data: parsed.data as z.infer<S>, values };
  const m = await getMessages();
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "form");
    fieldErrors[field] ??= issue.message === "tooLong" ? m.errors.field.tooLong : m.errors.field.required;
  }
  return { state: { fieldErrors, values } satisfies ActionState };
}

async function failure(error: DomainError<MailboxError>, values: Record<string, string>): Promise<ActionState> {
  const m = await getMessages();
  const domain = env().MAIL_DOMAIN;
  if (error.fields) {
    const fieldErrors = Object.fromEntries(Object.entries(error.fields).map(([f, code]) => [f, mailboxErrorMessage(m, code, domain)]));
    return { fieldErrors, values };
  }
  const message = mailboxErrorMessage(m, error.code, domain);
  return error.field ? { fieldErrors: { [error.field]: message }, values } : { formError: message, values };
}

function done(flash: string, address?: string): never {
  const params = new URLSearchParams({ ok: flash, ...(address ? { adresse: address } : {}) });
  redirect(`${LIST}?${params}`);
}

export async function createMailboxAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await customerContext();
  const input = await parse(schemas.createMailboxSchema, form, ["localPart", "displayName", "password", "passwordRepeat"], ["localPart", "displayName"]);
  if (!input.data) return input.state;
  const result = await mailboxes.createMailbox(ctx, addressing(), input.data);
  if (!result.ok) return failure(result.error, input.values);
  done("created", result.value.address);
}

export async function renameMailboxAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await customerContext();
  const input = await parse(schemas.renameMailboxSchema, form, ["mailboxId", "localPart"], ["localPart"]);
  if (!input.data) return input.state;
  const result = await mailboxes.renameMailbox(ctx, addressing(), input.data);
  if (!result.ok) return failure(result.error, input.values);
  done("renamed", result.value.address);
}

export async function changeDisplayNameAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await customerContext();
  const input = await parse(schemas.displayNameSchema, form, ["mailboxId", "displayName"], ["displayName"]);
  if (!input.data) return input.state;
  const result = await mailboxes.changeDisplayName(ctx, input.data);
  if (!result.ok) return failure(result.error, input.values);
  done("displayName");
}

export async function changeMailboxPasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await customerContext();
  const input = await parse(schemas.mailboxPasswordSchema, form, ["mailboxId", "password", "passwordRepeat"], []);
  if (!input.data) return input.state;
  const result = await mailboxes.changeMailboxPassword(ctx, input.data);
  if (!result.ok) return failure(result.error, input.values);
  done("password");
}

export async function deleteMailboxAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await customerContext();
  const input = await parse(schemas.deleteMailboxSchema, form, ["mailboxId", "confirmAddress"], ["confirmAddress"]);
  if (!input.data) return input.state;
  const result = await mailboxes.deleteMailbox(ctx, input.data);
  if (!result.ok) return failure(result.error, input.values);
  done("deleted", result.value.address);
}

export async function restoreMailboxAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await customerContext();
  const input = await parse(schemas.restoreMailboxSchema, form, ["mailboxId"], []);
  if (!input.data) return input.state;
  const result = await mailboxes.restoreMailbox(ctx, input.data);
  if (!result.ok) return failure(result.error, input.values);
  done("restored", result.value.address);
}
