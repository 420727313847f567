"use server";
// Mine sider's actions for the paid plan and for moving mailboxes (issue 6), through the customer
// pipeline.
import { z } from "zod";
import { checkbox, customerAction } from "@/lib/actions/pipeline";
import { acceptOffer } from "@/lib/broadband/offers";
import { commerceConfig, transferConfig } from "@/lib/env";
import { withOutcome } from "@/lib/http/outcome";
import { fill, monthlyPrice } from "@/lib/i18n/format";
import { POLICY } from "@/lib/policy";
import { cancelTransfer, decideTransfer, requestTransfer } from "@/lib/transfers/service";
import type { Messages } from "@/lib/i18n/nb";
import type { TransferError } from "@/lib/transfers/service";

const LIST = "/mine-sider/internett/e-postkontoer";
const back = (flash: string, address: string) => withOutcome(LIST, { ok: flash }, { adresse: address });
const id = z.uuid();
const transferMessage = (m: Messages, code: TransferError) =>
  fill(m.transfers.errors[code], {
    minutes: POLICY.transfers.wrongReceiverBlockMinutes,
    max: POLICY.mailboxes.maxActivePerCustomer,
    price: monthlyPrice(m.lang),
  });

export const acceptOfferAction = customerAction({
  schema: z.object({ offerId: id, confirmed: checkbox }),
  malformed: "notFound",
  run: (ctx, input) => acceptOffer(ctx, commerceConfig(), input),
  message: (m, code) => fill(m.paidPlan.errors[code], { max: POLICY.mailboxes.maxActivePerCustomer }),
  done: (value) => back("accepted", value.address),
});

export const requestTransferAction = customerAction({
  schema: z.object({
    mailboxId: id,
    customerNumber: z.string().trim().min(1).max(20, { error: "tooLong" }),
    email: z.string().trim().min(3).max(254, { error: "tooLong" }),
  }),
  keep: ["customerNumber", "email"],
  run: (ctx, input) => requestTransfer(ctx, transferConfig(), input),
  message: transferMessage,
  done: (_value, input) => withOutcome(`${LIST}/${input.mailboxId}`, { ok: "requested" }),
});

export const cancelTransferAction = customerAction({
  schema: z.object({ transferId: id, mailboxId: id }),
  malformed: "notFound",
  run: (ctx, input) => cancelTransfer(ctx, { transferId: input.transferId }),
  message: transferMessage,
  done: (_value, input) => withOutcome(`${LIST}/${input.mailboxId}`, { ok: "cancelled" }),
});

export const decideTransferAction = customerAction({
  schema: z.object({ transferId: id, decision: z.enum(["approve", "decline"]), address: z.string().max(320) }),
  malformed: "notFound",
  run: (ctx, input) => decideTransfer(ctx, transferConfig(), { transferId: input.transferId, approve: input.decision === "approve" }),
  message: transferMessage,
  done: (value, input) =>
    back({ approved: "transferApproved", declined: "transferDeclined", expired: "transferExpired" }[value.outcome], input.address),
});
