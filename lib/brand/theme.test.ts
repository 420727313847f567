import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { brandTheme, contrast, markSvg, parseHex, primaryProblem, TEXT_CONTRAST, themeCss, toHex } from "@/lib/brand/theme";
import { POLICY } from "@/lib/policy";
import { renderMail } from "@/lib/notices/compose";

const rgb = (hex: string) => parseHex(hex)!;
const DEFAULT = { name: POLICY.mail.defaultBrand, primary: POLICY.mail.defaultBrandColor, accent: POLICY.mail.defaultAccentColor };

describe("the brand as configuration (issue 18)", () => {
  it("measures contrast as WCAG does", () => {
    expect(contrast(rgb("#000000"), rgb("#ffffff"))).toBeCloseTo(21, 5);
    expect(contrast(rgb("#767676"), rgb("#ffffff"))).toBeCloseTo(4.54, 2);
  });

  it("refuses a primary colour that white text on it, or it on white, could not be read in", () => {
    expect(primaryProblem(POLICY.mail.defaultBrandColor)).toBeNull();
    expect(primaryProblem("#facc15")).toMatch(/^har kontrast 1,\d:1 mot hvit bakgrunn; tekst trenger minst 4,5:1/);
    expect(primaryProblem("blå")).toBe("må være en farge som #1e3a8a");
    expect(() => brandTheme({ ...DEFAULT, primary: "#facc15" })).toThrow();
  });

  it("keeps text AA in light and dark for every primary colour it accepts", () => {
    const darkSurfaces = [rgb("#0f172b"), rgb("#020618")];
    fc.assert(
      fc.property(fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)), ([r, g, b]) => {
        const primary = toHex([r, g, b]);
        fc.pre(primaryProblem(primary) === null);
        const theme = brandTheme({ ...DEFAULT, primary });
        expect(contrast(rgb(theme.light.primary), rgb("#ffffff"))).toBeGreaterThanOrEqual(TEXT_CONTRAST);
        for (const surface of darkSurfaces) expect(contrast(rgb(theme.dark.primary), surface)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
      }),
      { numRuns: 300 },
    );
  });

  it("writes the colours for both schemes and a mark of the name's initial, escaped", () => {
    const theme = brandTheme({ ...DEFAULT, name: "<Øst&Vest>" });
    expect(theme.initial).toBe("<");
    expect(themeCss(theme)).toContain(`--brand:${theme.light.primary}`);
    expect(themeCss(theme)).toMatch(/@media \(prefers-color-scheme: dark\)\{:root\{--brand:#[0-9a-f]{6}/);
    const svg = markSvg(theme);
    expect(svg).toContain("&lt;</text>");
    expect(svg).not.toContain("<Øst");
    expect(brandTheme({ ...DEFAULT, name: "øst" }).initial).toBe("Ø");
  });

  it("puts the brand's name and colour at the top of every e-mail", () => {
    const mail = renderMail("nb", "Emne", ["Hei", "Les mer på https://x.example/a"], ["https://x.example/a"]);
    expect(mail.html).toContain(`background:${POLICY.mail.defaultBrandColor}`);
    expect(mail.html).toContain(`>${POLICY.mail.defaultBrand}</span>`);
    expect(mail.html).toContain('<a href="https://x.example/a"');
    expect(mail.text).toBe("Hei\n\nLes mer på https://x.example/a\n");
  });
});
