// The brand as configuration (issue 18): a name and two colours become the site's colours in light
// and dark, the logo's mark, the favicon and the e-mails' heading. Pure; the colours are checked
// for WCAG contrast here, so a theme that would make text unreadable is a startup error.

import { POLICY } from "@/lib/policy";
import { escapeXml } from "@/lib/mail-setup/autoconfig";

export type Rgb = readonly [number, number, number];

/** WCAG 1.4.3: normal text. */
export const TEXT_CONTRAST = 4.5;

// The surfaces text sits on: white and Tailwind's slate-50 in light; slate-900 (the dark
// surface, the lighter of the two dark backgrounds) in dark. globals.css mirrors the palette.
const WHITE: Rgb = [255, 255, 255];
const LIGHT_PAGE: Rgb = [248, 250, 252];
const DARK_SURFACE: Rgb = [15, 23, 43];
const DARK_PAGE: Rgb = [2, 6, 24];

export function parseHex(value: string): Rgb | null {
  const match = /^#([0-9a-f]{6})$/i.exec(value.trim());
  if (!match) return null;
  const n = parseInt(match[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;
}

function luminance([r, g, b]: Rgb): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG's contrast ratio of two colours, 1–21. */
export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `t` of the way from `a` to `b`. */
export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * t)) as unknown as Rgb;
}

/** The least step towards white that reads on every dark surface: the brand's colour in dark mode. */
function lightenedFor(color: Rgb, surfaces: Rgb[]): Rgb {
  for (let t = 0; t <= 1; t += 0.02) {
    const candidate = mix(color, WHITE, t);
    if (surfaces.every((s) => contrast(candidate, s) >= TEXT_CONTRAST)) return candidate;
  }
  return WHITE;
}

export type BrandInput = { name: string; primary: string; accent: string };

type Palette = { primary: string; strong: string; soft: string; accent: string };

export type Brand = { name: string; initial: string; light: Palette; dark: Palette };

/**
 * Why a colour cannot be the brand's primary, in Norwegian for the startup error; null when it
 * can. Buttons carry white text on it and links are written in it on white and slate-50.
 */
export function primaryProblem(value: string): string | null {
  const color = parseHex(value);
  if (!color) return `må være en farge som ${POLICY.mail.defaultBrandColor}`;
  const worst = Math.min(contrast(color, WHITE), contrast(color, LIGHT_PAGE));
  if (worst < TEXT_CONTRAST) {
    return `har kontrast ${worst.toFixed(1).replace(".", ",")}:1 mot hvit bakgrunn; tekst trenger minst ${String(TEXT_CONTRAST).replace(".", ",")}:1 (WCAG 1.4.3)`;
  }
  return null;
}

export function brandTheme(input: BrandInput): Brand {
  const primary = parseHex(input.primary);
  const accent = parseHex(input.accent);
  if (!primary || primaryProblem(input.primary)) throw new Error(`Brand colour ${input.primary}: ${primaryProblem(input.primary)}`);
  if (!accent) throw new Error(`Accent colour ${input.accent} is not #rrggbb`);
  const darkPrimary = lightenedFor(primary, [DARK_SURFACE, DARK_PAGE]);
  return {
    name: input.name,
    initial: [...input.name.trim()][0]?.toLocaleUpperCase("nb") ?? "?",
    light: {
      primary: toHex(primary),
      strong: toHex(mix(primary, [0, 0, 0], 0.25)),
      soft: toHex(mix(primary, WHITE, 0.92)),
      accent: toHex(accent),
    },
    dark: {
      primary: toHex(darkPrimary),
      strong: toHex(mix(darkPrimary, WHITE, 0.3)),
      soft: toHex(mix(primary, DARK_SURFACE, 0.7)),
      accent: toHex(lightenedFor(accent, [DARK_SURFACE])),
    },
  };
}

/** The custom properties globals.css maps to Tailwind's `brand`, `brand-strong`, `brand-soft` and `accent`. */
export function themeCss(brand: Brand): string {
  const vars = (p: Palette) => `--brand:${p.primary};--brand-strong:${p.strong};--brand-soft:${p.soft};--brand-accent:${p.accent};`;
  return `:root{${vars(brand.light)}}@media (prefers-color-scheme: dark){:root{${vars(brand.dark)}}}`;
}

/**
 * The logo's mark, our own: the brand's initial on its colour, an envelope's fold in the accent.
 * Also the favicon, which follows the visitor's colour scheme.
 */
export function markSvg(brand: Brand): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">` +
    `<style>.b{fill:${brand.light.primary}}.a{stroke:${brand.light.accent}}` +
    `@media (prefers-color-scheme: dark){.b{fill:${brand.dark.primary}}.t{fill:#0f172a}}</style>` +
    `<rect class="b" width="32" height="32" rx="7"/>` +
    `<path class="a" d="M5 7l11 7 11-7" fill="none" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/>` +
    `<text class="t" x="16" y="27.5" text-anchor="middle" font-family="Inter, system-ui, sans-serif" font-size="15" font-weight="700" fill="#ffffff">${escapeXml(brand.initial)}</text>` +
    `</svg>`
  );
}
