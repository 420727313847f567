// The most common passwords (R-SEC-5 asks for at least the top 3,000): the zxcvbn-ts frequency
// list, which ships offline in an npm package, plus Norwegian favourites it lacks.
import { dictionary } from "@zxcvbn-ts/language-common";
import { POLICY } from "@/lib/policy";

const NORWEGIAN = [
  "passord",
  "passord1",
  "passord123",
  "hemmelig",
  "hemmelig1",
  "sommer2024",
  "sommer2025",
  "sommer2026",
  "vinter2025",
  "vinter2026",
  "norge123",
  "altibox",
  "altibox1",
  "altibox123",
  "qwertyuiopå",
  "123456789a",
  "epost123",
];

let common: Set<string> | undefined;

export function isCommonPassword(candidate: string): boolean {
  common ??= new Set(
    [...(dictionary["passwords-common"] as string[]).slice(0, POLICY.passwords.commonPasswordsRefused), ...NORWEGIAN].map((p) =>
      p.toLowerCase(),
    ),
  );
  return common.has(candidate.toLowerCase());
}
