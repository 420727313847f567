// The rule book is in the repository (docs/rules.md), and every rule id the code and tests cite is
// in it: a typo in "R-LC-3" would otherwise point a reader nowhere. Pure: starts nothing.
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const book = readFileSync("docs/rules.md", "utf8");
const defined = new Set([...book.matchAll(/^- (R-[A-Z]+-\d+)\b/gm)].map((m) => m[1]!));

describe("the rule book", () => {
  it("defines the ids of every area", () => {
    for (const area of ["ACC", "LC", "PAY", "TR", "SEC", "SET", "ATT", "BNC", "CM", "WM", "ADM", "PLAT"]) {
      expect(
        [...defined].some((id) => id.startsWith(`R-${area}-`)),
        area,
      ).toBe(true);
    }
  });

  it("has every id the code cites", () => {
    const files = execFileSync(
      "git",
      ["ls-files", "--cached", "--others", "--exclude-standard", "*.ts", "*.tsx", "*.prisma", "*.md", "*.sql"],
      { encoding: "utf8" },
    )
      .split("\n")
      .filter((f) => f && !f.startsWith("docs/rules.md"));
    const unknown = new Set<string>();
    for (const file of files) {
      for (const [id] of readFileSync(file, "utf8").matchAll(/\bR-[A-Z]+-\d+\b/g)) if (!defined.has(id)) unknown.add(`${id} in ${file}`);
    }
    expect([...unknown]).toEqual([]);
  });
});
