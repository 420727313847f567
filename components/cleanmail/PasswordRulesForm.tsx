"use client";
// R-SEC-4 as the person types: each rule of the Cleanmail password, met or not, announced politely
// to screen readers. The same pure rules run on the server, which decides.
import { useActionState, useState } from "react";
import { Submit } from "@/components/form/ActionForm";
import { ErrorSummary } from "@/components/form/ErrorSummary";
import { Field } from "@/components/form/Field";
import { CLEANMAIL_PASSWORD_RULES, cleanmailPasswordChecks, type CleanmailPasswordRule } from "@/lib/cleanmail/password-rules";
import type { ActionState } from "@/lib/forms/action-state";

type Labels = {
  password: string;
  passwordRepeat: string;
  rulesHeading: string;
  rules: Record<CleanmailPasswordRule, string>;
  met: string;
  unmet: string;
  submit: string;
  saving: string;
  errorSummary: string;
};

export function PasswordRulesForm({ action, labels }: { action: (s: ActionState, f: FormData) => Promise<ActionState>; labels: Labels }) {
  const [state, formAction] = useActionState(action, {});
  const [password, setPassword] = useState("");
  const checks = cleanmailPasswordChecks(password);
  return (
    <form
      id="cleanmail-password"
      action={formAction}
      className="space-y-4"
      noValidate
      onChange={(e) => {
        const target = e.target as unknown as HTMLInputElement;
        if (target.name === "password") setPassword(target.value);
      }}
    >
      <ErrorSummary state={state} formId="cleanmail-password" fieldNames={["password", "passwordRepeat"]} title={labels.errorSummary} />
      {state.success && (
        <p role="status" className="rounded-md border-2 border-green-700 bg-green-50 p-3 font-semibold text-green-950">
          {state.success}
        </p>
      )}
      <Field
        spec={{ name: "password", label: labels.password, type: "password", autoComplete: "new-password" }}
        formId="cleanmail-password"
        error={state.fieldErrors?.password}
      />
      <div aria-live="polite">
        <p id="cleanmail-password-rules" className="font-semibold">
          {labels.rulesHeading}
        </p>
        <ul className="space-y-1">
          {CLEANMAIL_PASSWORD_RULES.map((rule) => (
            <li key={rule} className={checks[rule] ? "text-green-800" : "text-slate-800"}>
              <span aria-hidden="true">{checks[rule] ? "✓ " : "○ "}</span>
              {labels.rules[rule]} <span className="sr-only">({checks[rule] ? labels.met : labels.unmet})</span>
            </li>
          ))}
        </ul>
      </div>
      <Field
        spec={{ name: "passwordRepeat", label: labels.passwordRepeat, type: "password", autoComplete: "new-password" }}
        formId="cleanmail-password"
        error={state.fieldErrors?.passwordRepeat}
      />
      <Submit label={labels.submit} pendingLabel={labels.saving} variant="primary" />
    </form>
  );
}
