// Interpolation and formatting: instants are shown in Europe/Oslo, numbers the Norwegian way.
import { POLICY } from "@/lib/policy";

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

const intlLocale = (lang: string) => (lang === "en" ? "en-GB" : "nb-NO");

export function formatDate(date: Date, lang: string): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { timeZone: POLICY.lifecycle.timeZone, day: "numeric", month: "long", year: "numeric" }).format(date);
}

export function formatDateTime(date: Date, lang: string): string {
  return new Intl.DateTimeFormat(intlLocale(lang), {
    timeZone: POLICY.lifecycle.timeZone, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit",
  }).format(date);
}

export function formatTime(date: Date, lang: string): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { timeZone: POLICY.lifecycle.timeZone, hour: "2-digit", minute: "2-digit" }).format(date);
}

/** Storage in decimal units, as the 15 GB of R-ACC-6 is stated. */
export function formatBytes(bytes: number, lang: string): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
