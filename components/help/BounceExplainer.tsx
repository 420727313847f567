"use client";
// Paste or upload a bounce; the server explains it (R-BNC). The full error can be copied for
// customer service (R-BNC-2).
import { useActionState, useEffect, useRef, useState } from "react";
import { Submit } from "@/components/form/ActionForm";
import type { BounceState } from "@/lib/bounces/explain";
import type { Messages } from "@/lib/i18n/nb";
import { buttonClass } from "@/components/ui/buttons";

export function BounceExplainer({
  t,
  saving,
  action,
}: {
  t: Messages["bounces"];
  saving: string;
  action: (s: BounceState, f: FormData) => Promise<BounceState>;
}) {
  const [state, formAction] = useActionState(action, {});
  // Which error was copied: a new explanation is "not copied" without any reset.
  const [copiedText, setCopiedText] = useState<string | null>(null);
  const resultRef = useRef<HTMLElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.explanation) resultRef.current?.focus();
    if (state.formError) errorRef.current?.focus();
  }, [state]);
  const e = state.explanation;
  return (
    <div className="space-y-6">
      <form action={formAction} className="space-y-4" noValidate>
        {state.formError && (
          <p ref={errorRef} tabIndex={-1} role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 font-semibold">
            {state.formError}
          </p>
        )}
        <div className="space-y-1">
          <label htmlFor="bounce" className="block font-semibold">
            {t.paste}
          </label>
          <p id="bounce-hint" className="text-sm text-slate-700">
            {t.pasteHint}
          </p>
          <textarea
            id="bounce"
            name="bounce"
            rows={10}
            aria-describedby="bounce-hint"
            spellCheck={false}
            className="w-full rounded-md border-2 border-slate-600 px-3 py-2 font-mono text-sm"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="file" className="block font-semibold">
            {t.file}
          </label>
          <input id="file" name="file" type="file" accept=".eml,message/rfc822,text/plain" className="block" />
        </div>
        <Submit label={t.submit} pendingLabel={saving} variant="primary" />
      </form>
      {e && (
        <section
          ref={resultRef}
          tabIndex={-1}
          aria-labelledby="result-heading"
          className="space-y-3 rounded-md border border-slate-300 bg-white p-4"
        >
          <h2 id="result-heading" className="text-xl font-semibold">
            {t.resultHeading}
          </h2>
          <dl className="space-y-2">
            <div>
              <dt className="text-sm text-slate-700">{t.recipient}</dt>
              <dd className="break-all">{e.recipient ?? t.unknown}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-700">{t.status}</dt>
              <dd>{e.status ?? t.unknown}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-700">{t.diagnostic}</dt>
              <dd className="break-words">{e.diagnostic ?? t.unknown}</dd>
            </div>
          </dl>
          <h3 className="font-semibold">{t.nextHeading}</h3>
          <p>{t.advice[e.cause]}</p>
          <h3 className="font-semibold">{t.fullError}</h3>
          <pre id="full-error" className="whitespace-pre-wrap break-words rounded bg-slate-100 p-3 text-sm">
            {e.fullError}
          </pre>
          <p className="flex items-center gap-3">
            <button
              type="button"
              className={buttonClass("secondary", "sm")}
              onClick={async () => {
                await navigator.clipboard.writeText(e.fullError);
                setCopiedText(e.fullError);
              }}
            >
              {t.copy}
            </button>
            <span role="status">{copiedText === e.fullError ? t.copied : ""}</span>
          </p>
        </section>
      )}
    </div>
  );
}
