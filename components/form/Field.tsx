// One labelled input with its hint and error, wired for assistive technology
// (aria-invalid, aria-describedby). Presentational: used by ActionForm.
export type FieldSpec = {
  name: string;
  label: string;
  hint?: string;
  type?: "text" | "password" | "email" | "date" | "search" | "checkbox";
  autoComplete?: string;
  defaultValue?: string;
  /** Shown after the input, e.g. "@altibox.no". */
  suffix?: string;
  spellCheck?: boolean;
  /** A choice from a list instead of free text. */
  options?: { value: string; label: string }[];
};

export function Field({ spec, error, value, formId }: { spec: FieldSpec; error?: string; value?: string; formId: string }) {
  const id = `${formId}-${spec.name}`;
  const hintId = spec.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const hint = spec.hint && (
    <p id={hintId} className="text-sm text-slate-700">
      {spec.hint}
    </p>
  );
  const errorText = error && (
    <p id={errorId} className="text-sm font-semibold text-red-700">
      {error}
    </p>
  );
  // Label, hint and error above the control (select and text input alike).
  const labelled = (control: React.ReactNode) => (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-semibold">
        {spec.label}
      </label>
      {hint}
      {errorText}
      {control}
    </div>
  );
  if (spec.options) {
    return labelled(
      <select
        id={id}
        name={spec.name}
        defaultValue={value ?? spec.defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`max-w-xl rounded-md border-2 px-3 py-2 ${error ? "border-red-700" : "border-slate-600"}`}
      >
        {spec.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>,
    );
  }
  if (spec.type === "checkbox") {
    // The label beside the box, as people expect; value "on" when ticked.
    return (
      <div className="space-y-1">
        {errorText}
        <div className="flex items-center gap-3">
          <input
            id={id}
            name={spec.name}
            type="checkbox"
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            className="h-6 w-6 accent-brand"
          />
          <label htmlFor={id} className="font-semibold">
            {spec.label}
          </label>
        </div>
        {hint}
      </div>
    );
  }
  return labelled(
    <div className="flex max-w-xl items-stretch">
      <input
        id={id}
        name={spec.name}
        type={spec.type ?? "text"}
        autoComplete={spec.autoComplete}
        defaultValue={value ?? spec.defaultValue}
        spellCheck={spec.spellCheck}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`min-w-0 flex-1 rounded-md border-2 px-3 py-2 text-base ${spec.suffix ? "rounded-r-none" : ""} ${
          error ? "border-red-700" : "border-slate-600"
        }`}
      />
      {spec.suffix && (
        <span className="flex items-center rounded-r-md border-2 border-l-0 border-slate-600 bg-slate-100 px-3 text-slate-800">
          {spec.suffix}
        </span>
      )}
    </div>,
  );
}
