"use client";
// The last step of enrolment: a code from the app. On success the recovery codes are shown, once,
// with print and download; 2FA is on from that moment (R-SEC-1).
import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import { Field } from "@/components/form/Field";
import type { EnrolmentState } from "@/app/(portal)/e-post/innstillinger/totrinn/actions";

type Labels = { code: string; codeHint: string; activate: string; saving: string; errorSummary: string; recoveryTitle: string; recoveryLead: string; print: string; download: string; done: string };

export function EnrolmentForm({ action, labels }: { action: (s: EnrolmentState, f: FormData) => Promise<EnrolmentState>; labels: Labels }) {
  const [state, formAction, pending] = useActionState(action, {});
  const focusRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.recoveryCodes || state.fieldErrors || state.formError) focusRef.current?.focus();
  }, [state]);

  if (state.recoveryCodes) {
    const file = `data:text/plain;charset=utf-8,${encodeURIComponent(state.recoveryCodes.join("\n") + "\n")}`;
    return (
      <div ref={focusRef} tabIndex={-1} role="status" className="space-y-3 rounded-md border-2 border-green-700 bg-green-50 p-4">
        <h2 className="text-xl font-semibold">{labels.recoveryTitle}</h2>
        <p>{labels.recoveryLead}</p>
        <ul aria-label={labels.recoveryTitle} className="grid grid-cols-2 gap-2 font-mono text-lg">
          {state.recoveryCodes.map((c) => <li key={c}>{c}</li>)}
        </ul>
        <p className="flex flex-wrap gap-4">
          <button type="button" onClick={() => window.print()} className="rounded-md border-2 border-blue-800 px-3 py-1 font-semibold text-blue-900">{labels.print}</button>
          <a href={file} download="gjenopprettingskoder.txt">{labels.download}</a>
          <Link href="/e-post/innstillinger">{labels.done}</Link>
        </p>
      </div>
    );
  }
  const error = state.fieldErrors?.code ?? state.formError;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {error && (
        <div ref={focusRef} tabIndex={-1} role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-4">
          <p className="font-semibold">{labels.errorSummary}</p>
          <p>{error}</p>
        </div>
      )}
      <Field spec={{ name: "code", label: labels.code, hint: labels.codeHint, autoComplete: "one-time-code" }} formId="enrol" error={state.fieldErrors?.code} />
      <button type="submit" aria-disabled={pending} className="rounded-md bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900">
        {pending ? labels.saving : labels.activate}
      </button>
    </form>
  );
}
