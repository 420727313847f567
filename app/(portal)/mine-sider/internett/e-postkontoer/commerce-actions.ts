"use server";
// Mine sider's actions for the paid plan and for moving mailboxes (issue 6): the customer guard,
// the form parsed with zod, one service call, and back to the list with what happened.
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireCustomer } from "@/lib/auth/guards";
import { requestMeta } from "@/lib/auth/request";
import { acceptOffer } from "@/lib/broadband/offers";
import { db } from "@/lib/db";
import { commerceConfig, transferConfig } from "@/lib/env";
import type { ActionState } from "@/lib/forms/action-state";
import { formValues } from "@/lib/forms/action-state";
import { fill } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";
import { POLICY } from "@/lib/policy";
import { requestClock } from "@/lib/test-clock";
import { cancelTransfer, decideTransfer, requestTransfer } from "@/lib/transfers/service";

const LIST = "/mine-sider/internett/e-postkontoer";

async function context() {
  const { customerId } = await requireCustomer();
  const { requestId } = await requestMeta();
  return { db: db(), clock: await requestClock(db()), actor: { kind: "CUSTOMER" as const, customerId }, requestId };
}

function back(flash: string, address: string, path = LIST): never {
  redirect(`${path}?${new URLSearchParams({ ok: flash, adresse: address })}`);
}

const id = z.string().uuid();

export async function acceptOfferAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await context();
  const m = await getMessages();
  const v = formValues(form, ["offerId", "confirmed"]);
  if (!id.safeParse(v.offerId).success) return { formError: m.paidPlan.errors.notFound };
  const result = await acceptOffer(ctx, commerceConfig(), { offerId: v.offerId, confirmed: v.confirmed === "on" });
  if (!result.ok) {
    const message = m.paidPlan.errors[result.error.code];
    return result.error.field ? { fieldErrors: { [result.error.field]: message } } : { formError: message };
  }
  back("accepted", result.value.address);
}

const requestSchema = z.object({ mailboxId: id, customerNumber: z.string().trim().min(1).max(20), email: z.string().trim().min(3).max(254) });

export async function requestTransferAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await context();
  const m = await getMessages();
  const raw = formValues(form, ["mailboxId", "customerNumber", "email"]);
  const values = { customerNumber: raw.customerNumber.slice(0, 20), email: raw.email.slice(0, 254) };
  const parsed = requestSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= m.errors.field.required;
    return { fieldErrors, values };
  }
  const result = await requestTransfer(ctx, transferConfig(), parsed.data);
  if (!result.ok) {
    const message = fill(m.transfers.errors[result.error.code], { minutes: POLICY.transfers.wrongReceiverBlockMinutes });
    return result.error.field ? { fieldErrors: { [result.error.field]: message }, values } : { formError: message, values };
  }
  redirect(`${LIST}/${parsed.data.mailboxId}?${new URLSearchParams({ ok: "transferRequested" })}`);
}

export async function cancelTransferAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await context();
  const m = await getMessages();
  const v = formValues(form, ["transferId", "mailboxId"]);
  if (!id.safeParse(v.transferId).success || !id.safeParse(v.mailboxId).success) return { formError: m.transfers.errors.notFound };
  const result = await cancelTransfer(ctx, { transferId: v.transferId });
  if (!result.ok) return { formError: m.transfers.errors[result.error.code] };
  redirect(`${LIST}/${v.mailboxId}?${new URLSearchParams({ ok: "transferCancelled" })}`);
}

export async function decideTransferAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await context();
  const m = await getMessages();
  const v = formValues(form, ["transferId", "decision", "address"]);
  if (!id.safeParse(v.transferId).success) return { formError: m.transfers.errors.notFound };
  const result = await decideTransfer(ctx, transferConfig(), { transferId: v.transferId, approve: v.decision === "approve" });
  if (!result.ok) return { formError: m.transfers.errors[result.error.code] };
  const flash = { approved: "transferApproved", declined: "transferDeclined", expired: "transferExpired" }[result.value.outcome];
  back(flash, v.address.slice(0, 320));
}
