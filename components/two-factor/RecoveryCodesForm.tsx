"use client";
// A form whose success hands out recovery codes: confirming enrolment (a code from the app) and
// making new codes (password and code). The codes are shown once, with print and download.
import Link from "next/link";
import { useActionState, useEffect, useRef, type ReactNode } from "react";
import { Submit } from "@/components/form/ActionForm";
import { ErrorSummary } from "@/components/form/ErrorSummary";
import { Field, type FieldSpec } from "@/components/form/Field";
import type { CodesState } from "@/lib/forms/two-factor";
import { buttonClass } from "@/components/ui/buttons";

type Labels = {
  submit: string;
  saving: string;
  errorSummary: string;
  recoveryTitle: string;
  recoveryLead: string;
  print: string;
  download: string;
  done: string;
};

type Props = {
  id: string;
  action: (s: CodesState, f: FormData) => Promise<CodesState>;
  fields: FieldSpec[];
  labels: Labels;
  doneHref: string;
  variant?: "primary" | "secondary";
  /** Shown with the form and gone with it once the codes are out: enrolment's QR code and key (issue 18). */
  setup?: ReactNode;
};

export function RecoveryCodesForm({ id, action, fields, labels, doneHref, variant = "primary", setup }: Props) {
  const [state, formAction] = useActionState(action, {});
  const codesRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.recoveryCodes) codesRef.current?.focus();
  }, [state]);

  if (state.recoveryCodes) {
    const file = `data:text/plain;charset=utf-8,${encodeURIComponent(state.recoveryCodes.join("\n") + "\n")}`;
    return (
      <div ref={codesRef} tabIndex={-1} role="status" className="space-y-3 rounded-md border-2 border-green-700 bg-green-50 p-4">
        <h2 className="text-xl font-semibold">{labels.recoveryTitle}</h2>
        <p>{labels.recoveryLead}</p>
        <ul aria-label={labels.recoveryTitle} className="grid grid-cols-2 gap-2 font-mono text-lg">
          {state.recoveryCodes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <p className="flex flex-wrap gap-4">
          <button type="button" onClick={() => window.print()} className={buttonClass("secondary", "sm")}>
            {labels.print}
          </button>
          <a href={file} download="gjenopprettingskoder.txt">
            {labels.download}
          </a>
          <Link href={doneHref}>{labels.done}</Link>
        </p>
      </div>
    );
  }
  return (
    <>
      {setup}
      <form id={id} action={formAction} className="space-y-4" noValidate>
        <ErrorSummary state={state} formId={id} fieldNames={fields.map((f) => f.name)} title={labels.errorSummary} />
        {fields.map((spec) => (
          <Field key={spec.name} spec={spec} formId={id} error={state.fieldErrors?.[spec.name]} />
        ))}
        <Submit label={labels.submit} pendingLabel={labels.saving} variant={variant} />
      </form>
    </>
  );
}
