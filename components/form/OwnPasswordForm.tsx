// "Change your own password", as customers and mailbox users both have it: current password, the
// new one typed twice (R-SEC-5). The server action decides what happens.
import { ActionForm } from "@/components/form/ActionForm";
import type { ActionState } from "@/lib/forms/action-state";
import { newPasswordHint } from "@/lib/forms/own-password";
import type { Messages } from "@/lib/i18n/nb";

type Props = {
  m: Messages;
  id: string;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  submitLabel: string;
  /** The account has two-factor login: a current code is asked for too (OWASP ASVS 5.0 V6.5). */
  twoFactor?: boolean;
};

export function OwnPasswordForm({ m, id, action, submitLabel, twoFactor = false }: Props) {
  return (
    <ActionForm
      id={id}
      action={action}
      errorSummaryTitle={m.form.errorSummary}
      submitLabel={submitLabel}
      pendingLabel={m.form.saving}
      fields={[
        { name: "currentPassword", label: m.account.currentPassword, type: "password", autoComplete: "current-password" },
        ...(twoFactor ? [{ name: "code", label: m.twoFactor.code, hint: m.twoFactor.codeHint, autoComplete: "one-time-code" }] : []),
        { name: "password", label: m.account.newPassword, hint: newPasswordHint(m), type: "password", autoComplete: "new-password" },
        { name: "passwordRepeat", label: m.account.repeatPassword, type: "password", autoComplete: "new-password" },
      ]}
    />
  );
}
