// Security notices (issue 4, item 6): the mailbox is told when its password changes, so a hijacked
// account gets noticed. Pure composition; the outbox delivers.
import en from "@/lib/i18n/en";
import nb from "@/lib/i18n/nb";
import { fill, formatLongDateTime } from "@/lib/i18n/format";
import { escapeHtml, type ComposedMail } from "@/lib/notices/compose";

export type SecurityEvent = "passwordChanged" | "twoFactorOn" | "twoFactorOff" | "recoveryCodeUsed";

export function composeSecurityNotice(event: SecurityEvent, locale: string, address: string, at: Date, brand: string): ComposedMail {
  const m = locale === "en" ? en : nb;
  const values = { address, date: formatLongDateTime(at, locale), brand };
  const paragraphs = [m.notices.greeting, fill(m.security[`${event}Body`], values), fill(m.notices.signature, values)];
  return {
    subject: fill(m.security[`${event}Subject`], values),
    text: paragraphs.join("\n\n") + "\n",
    html:
      `<!doctype html><html lang="${locale === "en" ? "en" : "nb"}"><body style="font-family: system-ui, sans-serif; line-height: 1.5">` +
      paragraphs.flatMap((p) => p.split("\n\n")).map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`).join("") +
      `</body></html>`,
  };
}
