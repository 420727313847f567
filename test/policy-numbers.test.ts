// Numbers live in the policy (issue 15): no message of either catalogue states a number of the
// rule book as a literal; it is filled from lib/policy.ts through a placeholder, so changing a
// price or a limit changes every page and e-mail at once. Pure: starts nothing.
import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/en";
import nb from "@/lib/i18n/nb";
import { POLICY } from "@/lib/policy";

/** Every number the policy holds, and the forms a message would write it in (39 kr from 3900 øre, 18 MB from bytes). */
function policyNumbers(): Set<number> {
  const found = new Set<number>();
  const walk = (v: unknown, key = "") => {
    if (typeof v === "number") {
      found.add(v);
      if (/Ore$/.test(key)) found.add(v / 100);
      if (/Bytes$/.test(key))
        for (const unit of [1000 ** 2, 1000 ** 3, 1024 ** 2, 1024 ** 3]) if (Number.isInteger(v / unit)) found.add(v / unit);
      if (/Seconds$/.test(key) && v % 60 === 0) found.add(v / 60);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(POLICY);
  // Small counts (one, two) read as words in a sentence, and 0/1 are everywhere; they say nothing of a rule.
  for (const n of [0, 1, 2]) found.delete(n);
  return found;
}

function messages(catalogue: unknown, path = ""): [string, string][] {
  if (typeof catalogue === "string") return [[path, catalogue]];
  if (Array.isArray(catalogue)) return catalogue.flatMap((v, i) => messages(v, `${path}[${i}]`));
  if (catalogue && typeof catalogue === "object")
    return Object.entries(catalogue).flatMap(([k, v]) => messages(v, path ? `${path}.${k}` : k));
  return [];
}

describe("the catalogues", () => {
  for (const [name, catalogue] of [
    ["nb", nb],
    ["en", en],
  ] as const) {
    it(`${name}: every number of the rule book comes from the policy, never typed into a message`, () => {
      const numbers = policyNumbers();
      const literal = messages(catalogue).flatMap(([path, text]) =>
        [...text.replace(/\{\w+\}/g, "").matchAll(/(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])/g)]
          .map((m) => Number(m[0].replace(",", ".")))
          .filter((n) => numbers.has(n))
          .map((n) => `${path}: ${n} in "${text}"`),
      );
      expect(literal).toEqual([]);
    });
  }
});
