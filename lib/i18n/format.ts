// Interpolation and formatting: instants are shown in Europe/Oslo, numbers the Norwegian way.
import { POLICY } from "@/lib/policy";
import type { Plural, Template, ValuesFor } from "@/lib/i18n/types";

/** A message with its placeholders filled; the compiler knows which values a catalogue message needs. */
export function fill<P extends string>(template: Template<P> | string, values: { readonly [K in P]: string | number }): string {
  return (template as unknown as string).replace(/\{(\w+)\}/g, (_, key: string) =>
    String((values as Record<string, string | number>)[key] ?? `{${key}}`),
  );
}

/** The message of a group for a code (a domain error, say), filled with the values that code's text needs. */
export function pick<T extends { readonly [code: string]: Template<string> | string }>(
  group: T,
  values: ValuesFor<T>,
  code: keyof T & string,
): string {
  return fill<string>(group[code] ?? "", (values as Record<string, Record<string, string | number>>)[code] ?? {});
}

/** The form of a counted message that the language's plural rules pick (1 lenke, 2 lenker), filled. */
export function plural<P extends string>(
  message: Plural<P>,
  lang: string,
  values: { readonly [K in P]: string | number } & { readonly count: number },
): string {
  const rule = cached(`plural:${lang}`, () => new Intl.PluralRules(intlLocale(lang)));
  return fill(rule.select(values.count) === "one" ? message.one : message.other, values);
}

const intlLocale = (lang: string) => (lang === "en" ? "en-GB" : "nb-NO");
const zone = POLICY.lifecycle.timeZone;

// Building an Intl formatter costs far more than using one: one per language and style.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>();
function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>(key: string, make: () => F): F {
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) formatters.set(key, (formatter = make()));
  return formatter;
}

export function formatDate(date: Date, lang: string): string {
  return cached(
    `date:${lang}`,
    () => new Intl.DateTimeFormat(intlLocale(lang), { timeZone: zone, day: "numeric", month: "long", year: "numeric" }),
  ).format(date);
}

/** "14:05": a time of day in Oslo, for "wait until" within the hour. */
export function formatTime(date: Date, lang: string): string {
  return cached(
    `time:${lang}`,
    () => new Intl.DateTimeFormat(intlLocale(lang), { timeZone: zone, hour: "2-digit", minute: "2-digit" }),
  ).format(date);
}

/** "7,5": a number as the language writes it. */
export function formatNumber(value: number, lang: string): string {
  return cached(`number:${lang}`, () => new Intl.NumberFormat(intlLocale(lang))).format(value);
}

export function formatDateTime(date: Date, lang: string): string {
  return cached(
    `datetime:${lang}`,
    () =>
      new Intl.DateTimeFormat(intlLocale(lang), {
        timeZone: zone,
        day: "numeric",
        month: "short",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
      }),
  ).format(date);
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
  const number = cached(`number:${lang}:${digits}`, () => new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: digits }));
  return `${number.format(value)} ${units[unit]}`;
}

/** "fredag 31. juli 2026 kl. 11:00": the full date and time, for e-mails that name a deadline. */
export function formatLongDateTime(date: Date, lang: string): string {
  return cached(
    `long:${lang}`,
    () =>
      new Intl.DateTimeFormat(intlLocale(lang), {
        timeZone: zone,
        weekday: "long",
        day: "numeric",
        month: "long",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
      }),
  ).format(date);
}

/** "november 2026" for "2026-11". */
export function formatMonth(month: string, lang: string): string {
  return cached(
    `month:${lang}`,
    () => new Intl.DateTimeFormat(intlLocale(lang), { month: "long", year: "numeric", timeZone: "UTC" }),
  ).format(new Date(`${month}-15T12:00:00Z`));
}

/** R-PAY-2: the paid plan's monthly price, as every page and e-mail names it. */
export const monthlyPrice = (lang: string) => formatOre(POLICY.paidPlan.monthlyPriceOre, lang);

/** "39,00 kr": an amount in øre as Norwegian kroner. */
export function formatOre(ore: number, lang: string): string {
  return cached(`nok:${lang}`, () => new Intl.NumberFormat(intlLocale(lang), { style: "currency", currency: "NOK" })).format(ore / 100);
}
