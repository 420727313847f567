// Recovery codes (R-SEC-1 beyond): 10 single-use codes, shown once, stored as argon2id hashes.
import { randomInt } from "node:crypto";
import { POLICY } from "@/lib/policy";
import { hashPassword, verifyPassword } from "@/lib/passwords/hash";

export const RECOVERY_CODE_COUNT: number = POLICY.twoFactor.recoveryCodes;
// No 0/o, 1/l/i: codes are read off paper.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** "abcde-fghjk": 10 characters from 31, about 50 bits each. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    codes.add(`${chars.slice(0, 5)}-${chars.slice(5)}`);
  }
  return [...codes];
}

/** What the person typed, as stored: lower case, dash in the middle, spaces ignored. */
export function normaliseRecoveryCode(input: string): string | null {
  const chars = input.toLowerCase().replace(/[\s-]/g, "");
  if (chars.length !== 10 || [...chars].some((c) => !ALPHABET.includes(c))) return null;
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/**
 * The index of the stored hash this code matches, or -1. Every hash is tried: no early exit. One
 * after another: ten at once would take ten of the cores' password slots from other logins.
 */
export async function matchRecoveryCode(input: string, hashes: (string | null)[]): Promise<number> {
  const code = normaliseRecoveryCode(input);
  if (!code) return -1;
  let match = -1;
  for (const [index, h] of hashes.entries()) if (h && (await verifyPassword(h, code)) && match < 0) match = index;
  return match;
}

/** The hashes of new codes, one after another (as above). */
export async function hashRecoveryCodes(codes: string[]): Promise<string[]> {
  const hashes: string[] = [];
  for (const code of codes) hashes.push(await hashPassword(code));
  return hashes;
}
