// Report links (R-CM-2): 256 random bits in the URL, only their SHA-256 kept. A fast hash is right
// here (unlike passwords): the token is random, so there is nothing to guess from the hash.
import { createHash, randomBytes } from "node:crypto";

export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** What a link token looks like; anything else is refused before the database is asked. */
export function isLinkTokenShaped(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** The path of a report link, and how to hide its token where people other than the owner read mail. */
export const linkPath = (token: string) => `/cleanmail/l/${token}`;
export function redactLinkTokens(text: string): string {
  return text.replace(/\/cleanmail\/l\/[A-Za-z0-9_-]+/g, "/cleanmail/l/[skjult]");
}
