"use server";
import { agentAction, enrollingAgentAction } from "@/lib/actions/pipeline";
import { confirmEnrolmentForm, regenerateCodesForm } from "@/lib/forms/two-factor";
import type { Messages } from "@/lib/i18n/nb";

// Agents cannot switch two-factor login off: there is no action for it (and the service refuses).
const wrong = (m: Messages) => m.account.wrongCurrent;

export const confirmEnrolmentAction = enrollingAgentAction(confirmEnrolmentForm(wrong));
export const regenerateCodesAction = agentAction(regenerateCodesForm(wrong));
