// Machine-to-machine authentication by a bearer token from configuration, compared in constant time.
import { createHash, timingSafeEqual } from "node:crypto";

export function bearerMatches(authorization: string | null, expected: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!match?.[1]) return false;
  // Hashing first gives equal lengths, so the comparison leaks nothing, not even the length.
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(match[1]), digest(expected));
}
