// An action's outcome, carried to the page it sends the browser to (post/redirect/get). The values
// of `ok` and `feil` are message keys of the catalogues, the same in both languages, so a page
// looks its message up whatever language it shows; the parameter names are the URL's words, in
// Norwegian like its paths. Other parameters carry what the message names (an address, a count).

export type Outcome = { ok: string } | { feil: string };

/** The path with the outcome (and what its message names) in the query. */
export function withOutcome(path: string, outcome: Outcome, named: Record<string, string> = {}): string {
  return `${path}?${new URLSearchParams({ ...outcome, ...named })}`;
}

/** The message a code from the query names in a group, or null for a code the page does not know (an edited URL). */
export function outcomeIn<G extends object>(group: G, code: string | undefined): G[keyof G] | null {
  return code !== undefined && Object.hasOwn(group, code) ? group[code as keyof G] : null;
}
