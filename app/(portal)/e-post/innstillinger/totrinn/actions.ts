"use server";
import { redirect } from "next/navigation";
import { requireMailboxUser } from "@/lib/auth/guards";
import type { ActionState } from "@/lib/forms/action-state";
import { confirmEnrolmentFrom, disableTwoFactorFrom, regenerateCodesFrom, type CodesState } from "@/lib/two-factor/form-actions";

const asMailbox = async () => ({ kind: "MAILBOX" as const, mailboxId: (await requireMailboxUser()).mailboxId });

export async function confirmEnrolmentAction(_prev: CodesState, form: FormData): Promise<CodesState> {
  return confirmEnrolmentFrom(await asMailbox(), form);
}

export async function regenerateCodesAction(_prev: CodesState, form: FormData): Promise<CodesState> {
  return regenerateCodesFrom(await asMailbox(), form);
}

export async function disableTwoFactorAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const failed = await disableTwoFactorFrom(await asMailbox(), form);
  if (failed) return failed;
  redirect("/e-post/innstillinger");
}
