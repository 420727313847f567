"use server";
import { mailboxAction } from "@/lib/actions/pipeline";
import { confirmEnrolmentForm, disableTwoFactorForm, regenerateCodesForm } from "@/lib/forms/two-factor";
import type { Messages } from "@/lib/i18n/nb";

const wrong = (m: Messages) => m.mailboxArea.wrongCurrent;

export const confirmEnrolmentAction = mailboxAction(confirmEnrolmentForm(wrong));
export const regenerateCodesAction = mailboxAction(regenerateCodesForm(wrong));
export const disableTwoFactorAction = mailboxAction(disableTwoFactorForm(wrong, "/e-post/innstillinger"));
