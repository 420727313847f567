"use server";
import { customerAction } from "@/lib/actions/pipeline";
import { confirmEnrolmentForm, disableTwoFactorForm, ownerSwitchOffForm, regenerateCodesForm } from "@/lib/forms/two-factor";
import type { Messages } from "@/lib/i18n/nb";

const wrong = (m: Messages) => m.account.wrongCurrent;

export const confirmEnrolmentAction = customerAction(confirmEnrolmentForm(wrong));
export const regenerateCodesAction = customerAction(regenerateCodesForm(wrong));
export const disableTwoFactorAction = customerAction(disableTwoFactorForm(wrong, "/mine-sider/profil/passord"));
/** Lost phone: the owner switches a mailbox's 2FA off (the service checks the mailbox is theirs). */
export const switchOffMailboxTwoFactorAction = customerAction(ownerSwitchOffForm(wrong));
