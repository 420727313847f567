"use client";
// Making an app password (R-SEC-6): a name for the device; on success the password, shown once,
// as it is typed (hyphens included), with a copy button and the servers to type it into.
import { useActionState, useEffect, useRef, useState } from "react";
import { Submit } from "@/components/form/ActionForm";
import { ErrorSummary } from "@/components/form/ErrorSummary";
import { Field, type FieldSpec } from "@/components/form/Field";
import type { CreatedAppPasswordState } from "@/lib/forms/app-passwords";
import { fill } from "@/lib/i18n/format";
import type { Template } from "@/lib/i18n/types";
import { buttonClass } from "@/components/ui/buttons";

type Labels = {
  submit: string;
  saving: string;
  errorSummary: string;
  createdTitle: Template<"name">;
  createdLead: string;
  copy: string;
  copied: string;
  settings: string;
  done: string;
};

type Props = {
  action: (s: CreatedAppPasswordState, f: FormData) => Promise<CreatedAppPasswordState>;
  field: FieldSpec;
  labels: Labels;
  doneHref: string;
};

export function AppPasswordForm({ action, field, labels, doneHref }: Props) {
  const [state, formAction] = useActionState(action, {});
  const [copied, setCopied] = useState(false);
  const shown = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.created) shown.current?.focus();
  }, [state]);

  if (state.created) {
    return (
      <div ref={shown} tabIndex={-1} role="status" className="space-y-3 rounded-md border-2 border-green-700 bg-green-50 p-4">
        <h3 className="text-lg font-semibold">{fill(labels.createdTitle, { name: state.created.name })}</h3>
        <p>{labels.createdLead}</p>
        <p className="font-mono text-2xl tracking-wide break-all" data-testid="app-password">
          {state.created.password}
        </p>
        <p className="flex flex-wrap items-center gap-4">
          <button
            type="button"
            onClick={() => void navigator.clipboard.writeText(state.created!.password).then(() => setCopied(true))}
            className={buttonClass("secondary", "sm")}
          >
            {labels.copy}
          </button>
          <span aria-live="polite">{copied ? labels.copied : ""}</span>
        </p>
        <p className="text-sm">{labels.settings}</p>
        <p>
          {/* A full load: the form starts afresh and the password is gone from the page. */}
          <a href={doneHref}>{labels.done}</a>
        </p>
      </div>
    );
  }
  return (
    <form id="app-password" action={formAction} className="space-y-4" noValidate>
      <ErrorSummary state={state} formId="app-password" fieldNames={[field.name]} title={labels.errorSummary} />
      <Field spec={field} formId="app-password" error={state.fieldErrors?.[field.name]} value={state.values?.[field.name]} />
      <Submit label={labels.submit} pendingLabel={labels.saving} variant="primary" />
    </form>
  );
}
