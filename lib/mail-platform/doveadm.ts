// Dovecot's doveadm HTTP API (https://doc.dovecot.org/2.3/admin_manual/doveadm_http_api/): what the
// portal's event consumer asks each Dovecot backend to do (R-PLAT-3). Over HTTP, so the consumer
// need not run on the mail hosts.

/** One Dovecot host as the consumer reaches it. */
export type DovecotBackend = { name: string; url: string; apiKey: string };

export type DoveadmCommand = [name: string, parameters: Record<string, unknown>, tag: string];

/** What became of each command, by its tag: null when it worked, the error otherwise. */
export type DoveadmResults = Map<string, string | null>;

/**
 * The backends from configuration: `DOVECOT_BACKENDS` as "name=http://host:port" separated by
 * commas (a bare URL is named by its host), all with `DOVEADM_API_KEY`.
 */
export function dovecotBackends(list: string | undefined, apiKey: string | undefined): DovecotBackend[] {
  if (!list?.trim()) return [];
  if (!apiKey) throw new Error("DOVEADM_API_KEY må være satt når DOVECOT_BACKENDS er satt.");
  return list.split(",").map((entry) => {
    const [name, url] = entry.includes("=") ? (entry.split("=", 2) as [string, string]) : [new URL(entry.trim()).host, entry];
    return { name: name.trim(), url: new URL(url.trim()).toString().replace(/\/$/, ""), apiKey };
  });
}

/** Runs the commands in one request; a backend that cannot be reached or answers wrongly throws. */
export async function doveadm(backend: DovecotBackend, commands: DoveadmCommand[], timeoutMs = 10_000): Promise<DoveadmResults> {
  const response = await fetch(`${backend.url}/doveadm/v1`, {
    method: "POST",
    headers: {
      Authorization: `X-Dovecot-API ${Buffer.from(backend.apiKey).toString("base64")}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify(commands),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`doveadm ${backend.name}: HTTP ${response.status}`);
  const answers = (await response.json()) as [string, unknown, string][];
  const results: DoveadmResults = new Map();
  for (const [kind, body, tag] of answers) {
    results.set(tag, kind === "doveadmResponse" ? null : `${kind} ${JSON.stringify(body)}`);
  }
  for (const [, , tag] of commands) if (!results.has(tag)) results.set(tag, "no answer");
  return results;
}
