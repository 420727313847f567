"use server";
import { redirect } from "next/navigation";
import { requireCustomer } from "@/lib/auth/guards";
import type { ActionState } from "@/lib/forms/action-state";
import { confirmEnrolmentFrom, disableTwoFactorFrom, ownerSwitchOffFrom, regenerateCodesFrom, type CodesState } from "@/lib/two-factor/form-actions";

const asCustomer = async () => ({ kind: "CUSTOMER" as const, customerId: (await requireCustomer()).customerId });

export async function confirmEnrolmentAction(_prev: CodesState, form: FormData): Promise<CodesState> {
  return confirmEnrolmentFrom(await asCustomer(), form);
}

export async function regenerateCodesAction(_prev: CodesState, form: FormData): Promise<CodesState> {
  return regenerateCodesFrom(await asCustomer(), form);
}

export async function disableTwoFactorAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const failed = await disableTwoFactorFrom(await asCustomer(), form);
  if (failed) return failed;
  redirect("/mine-sider/profil/passord");
}

/** Lost phone: the owner switches a mailbox's 2FA off (the service checks the mailbox is theirs). */
export async function switchOffMailboxTwoFactorAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const failed = await ownerSwitchOffFrom(await asCustomer(), form);
  if (failed) return failed;
  redirect(`/mine-sider/internett/e-postkontoer/${encodeURIComponent(String(form.get("mailboxId")))}?totrinn=av`);
}
