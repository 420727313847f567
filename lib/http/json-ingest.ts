// The front door of the machine-to-machine routes (mail servers, partners' systems): a bearer
// token compared in constant time, a size limit before parsing, and JSON; every refusal is a
// short JSON answer with the status that says what to fix.
import { bearerMatches } from "@/lib/http/bearer";
import { readBodyUpTo } from "@/lib/http/body";

export const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });

/** The parsed body, or the Response that refuses the request. */
export async function readAuthorizedJson(request: Request, token: string | undefined, maxBytes: number, realm: string): Promise<{ body: unknown } | { refusal: Response }> {
  if (!token) return { refusal: json({ error: "notConfigured" }, 503) };
  if (!bearerMatches(request.headers.get("authorization"), token)) {
    return { refusal: json({ error: "unauthorized" }, 401, { "www-authenticate": `Bearer realm="${realm}"` }) };
  }
  const raw = await readBodyUpTo(request, maxBytes);
  if (!raw) return { refusal: json({ error: "tooLarge" }, 413) };
  try {
    // TextDecoder, like Request.text(), drops a leading byte-order mark.
    return { body: JSON.parse(new TextDecoder().decode(raw)) };
  } catch {
    return { refusal: json({ error: "malformedJson" }, 400) };
  }
}
