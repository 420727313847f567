// The message catalogue for this request: bokmål unless the person chose English (cookie `lang`).
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { LOCALE_COOKIE, localeOf, messagesFor, type Locale } from "@/lib/i18n/catalogues";
import type { Messages } from "@/lib/i18n/nb";

export async function getLocale(): Promise<Locale> {
  const jar = await cookies();
  return localeOf(jar.get(LOCALE_COOKIE)?.value);
}

export async function getMessages(): Promise<Messages> {
  return messagesFor(await getLocale());
}

/** A page's metadata with its title in the visitor's language (the root layout adds the app's name). */
export function titled(title: (m: Messages) => string, more: Omit<Metadata, "title"> = {}) {
  return async (): Promise<Metadata> => ({ ...more, title: title(await getMessages()) });
}
