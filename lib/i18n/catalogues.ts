// The one locale lookup: bokmål unless the language is English. Pages get theirs through
// lib/i18n/server.ts (the cookie); e-mail through the recipient's stored language.
import en from "@/lib/i18n/en";
import nb, { type Messages } from "@/lib/i18n/nb";

/** The cookie that holds the person's language choice. */
export const LOCALE_COOKIE = "lang";

export type Locale = "nb" | "en";

export const localeOf = (value: string | null | undefined): Locale => (value === "en" ? "en" : "nb");

export function messagesFor(locale: string | null | undefined): Messages {
  return localeOf(locale) === "en" ? en : nb;
}
