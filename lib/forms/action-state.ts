// What a server action hands back to its form: messages already in the person's language.
export type ActionState = {
  formError?: string;
  /** Said once the action succeeded, when the page stays (e.g. a one-time password to hand over). */
  success?: string;
  fieldErrors?: Record<string, string>;
  /** What the person typed (never passwords), so a failed submit loses nothing. */
  values?: Record<string, string>;
};

export const emptyActionState: ActionState = {};

/** Reads the named string fields of a form; missing or non-text values become "". */
export function formValues<K extends string>(form: FormData, names: readonly K[]): Record<K, string> {
  return Object.fromEntries(
    names.map((n) => {
      const v = form.get(n);
      return [n, typeof v === "string" ? v : ""];
    }),
  ) as Record<K, string>;
}
