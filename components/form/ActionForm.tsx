"use client";
// The one form of the portal: a server action, labelled fields, an error summary that takes focus
// (so screen-reader and keyboard users learn what to fix), and a busy state while it works.
import { useActionState, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { Field, type FieldSpec } from "@/components/form/Field";
import { ErrorSummary } from "@/components/form/ErrorSummary";
import type { ActionState } from "@/lib/forms/action-state";
import { buttonClass, type ButtonVariant } from "@/components/ui/buttons";

type Props = {
  id: string;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  fields?: FieldSpec[];
  hidden?: Record<string, string>;
  submitLabel: string;
  pendingLabel: string;
  errorSummaryTitle: string;
  variant?: ButtonVariant;
  children?: ReactNode;
};

export function Submit({ label, pendingLabel, variant }: { label: string; pendingLabel: string; variant: ButtonVariant }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      aria-disabled={pending}
      onClick={(e) => pending && e.preventDefault()}
      className={`${buttonClass(variant)} ${pending ? "cursor-progress opacity-80" : ""}`}
    >
      {pending ? pendingLabel : label}
    </button>
  );
}

export function ActionForm({
  id,
  action,
  fields = [],
  hidden = {},
  submitLabel,
  pendingLabel,
  errorSummaryTitle,
  variant = "primary",
  children,
}: Props) {
  const [state, formAction] = useActionState(action, {});

  return (
    <form id={id} action={formAction} className="space-y-4" noValidate>
      <ErrorSummary state={state} formId={id} fieldNames={fields.map((f) => f.name)} title={errorSummaryTitle} />
      {state.success && (
        <p role="status" className="rounded-md border-2 border-green-700 bg-green-50 p-3 font-semibold text-green-950">
          {state.success}
        </p>
      )}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((spec) => (
        <Field key={spec.name} spec={spec} formId={id} error={state.fieldErrors?.[spec.name]} value={state.values?.[spec.name]} />
      ))}
      <div className="flex flex-wrap items-center gap-4">
        <Submit label={submitLabel} pendingLabel={pendingLabel} variant={variant} />
        {children}
      </div>
    </form>
  );
}
