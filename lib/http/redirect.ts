// Where a form may send people back to: a path on this site, parsed as a URL, never a string test.
// Browsers read "/\evil.example", "/%5Cevil.example" and "//evil.example" as other sites.
const BASE = "https://portal.invalid";

/** The path (with query and fragment) if `value` is a same-origin path, else `fallback`. */
export function sameSitePath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > 2000) return fallback;
  // Backslashes and control characters, also percent-encoded, have no place in our own paths.
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return fallback;
  }
  if (!value.startsWith("/") || /[\\\x00-\x1f\x7f]/.test(decoded) || decoded.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
