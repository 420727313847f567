// The quarantine report (R-CM-2), in the customer's language. Pure.
import { messagesFor } from "@/lib/i18n/catalogues";
import { fill, formatDateTime, formatLongDateTime, plural } from "@/lib/i18n/format";
import { renderMail } from "@/lib/notices/compose";

type Listed = { sender: string | null; senderName: string | null; subject: string | null; receivedAt: Date };

export function composeQuarantineReport(
  locale: string,
  d: { address: string; messages: Listed[]; url: string; expiresAt: Date },
  brand: string,
) {
  const m = messagesFor(locale);
  const c = m.cleanmail;
  const list = d.messages
    .slice(0, 50)
    .map((msg) =>
      fill(c.reportItem, {
        from: msg.senderName ?? msg.sender ?? c.unknownSender,
        subject: msg.subject ?? c.noSubject,
        date: formatDateTime(msg.receivedAt, locale),
      }),
    )
    .join("\n");
  const values = {
    count: d.messages.length,
    address: d.address,
    list,
    url: d.url,
    expires: formatLongDateTime(d.expiresAt, locale),
    brand,
  };
  return renderMail(
    locale,
    plural(c.reportSubject, locale, values),
    [m.notices.greeting, plural(c.reportBody, locale, values), fill(m.notices.signature, values)],
    [d.url],
  );
}
