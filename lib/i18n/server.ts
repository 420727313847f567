// The message catalogue for this request: bokmål unless the person chose English (cookie `lang`).
import { cookies } from "next/headers";
import nb, { type Messages } from "@/lib/i18n/nb";
import en from "@/lib/i18n/en";

export type Locale = "nb" | "en";
export const LOCALE_COOKIE = "lang";

export async function getLocale(): Promise<Locale> {
  const jar = await cookies();
  return jar.get(LOCALE_COOKIE)?.value === "en" ? "en" : "nb";
}

export function messagesFor(locale: Locale): Messages {
  return locale === "en" ? en : nb;
}

export async function getMessages(): Promise<Messages> {
  return messagesFor(await getLocale());
}
