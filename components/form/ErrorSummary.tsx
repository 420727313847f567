"use client";
// What went wrong with a submitted form, at its top: it takes focus, so screen-reader and keyboard
// users learn what to fix, and each message links to its field.
import { useEffect, useRef } from "react";
import type { ActionState } from "@/lib/forms/action-state";

export function ErrorSummary({
  state,
  formId,
  fieldNames,
  title,
}: {
  state: ActionState;
  formId: string;
  fieldNames: string[];
  title: string;
}) {
  const summary = useRef<HTMLDivElement>(null);
  const errors = Object.entries(state.fieldErrors ?? {});
  const hasErrors = errors.length > 0 || !!state.formError;
  useEffect(() => {
    if (hasErrors) summary.current?.focus();
  }, [state, hasErrors]);
  if (!hasErrors) return null;
  return (
    <div ref={summary} tabIndex={-1} role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-4">
      <p className="font-semibold">{title}</p>
      <ul className="mt-2 list-disc pl-5">
        {state.formError && <li>{state.formError}</li>}
        {errors.map(([name, message]) =>
          fieldNames.includes(name) ? (
            <li key={name}>
              <a className="text-red-800 underline" href={`#${formId}-${name}`}>
                {message}
              </a>
            </li>
          ) : (
            <li key={name}>{message}</li>
          ),
        )}
      </ul>
    </div>
  );
}
