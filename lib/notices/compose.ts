// The lifecycle's e-mails (R-LC-2, R-LC-3, R-ACC-3), in the customer's language, as plain text and
// HTML, with the exact date and time in Europe/Oslo. Pure.
import { localeOf, messagesFor } from "@/lib/i18n/catalogues";
import { fill, formatLongDateTime } from "@/lib/i18n/format";

export type NoticeKind = "LOCK_WARNING_14" | "LOCK_WARNING_7" | "LOCKED" | "DELETED" | "REOPENED";

export type ComposedMail = { subject: string; text: string; html: string };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/**
 * An e-mail from paragraphs: plain text, and simple HTML in which the given URLs are links. Every
 * e-mail the portal writes goes through here, so they all look alike and escape alike.
 */
export function renderMail(locale: string, subject: string, paragraphs: string[], links: string[] = []): ComposedMail {
  const linkify = (html: string) =>
    links.reduce((out, url) => out.split(escapeHtml(url)).join(`<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`), html);
  const html =
    `<!doctype html><html lang="${localeOf(locale)}"><body style="font-family: system-ui, sans-serif; line-height: 1.5">` +
    paragraphs
      .flatMap((p) => p.split("\n\n"))
      .map((p) => `<p>${linkify(escapeHtml(p).replace(/\n/g, "<br>"))}</p>`)
      .join("") +
    `</body></html>`;
  return { subject, text: paragraphs.join("\n\n") + "\n", html };
}

export function composeNotice(
  kind: NoticeKind,
  locale: string,
  data: { address: string; date: Date | null; brand: string; mailboxesUrl: string },
): ComposedMail {
  const m = messagesFor(locale).notices;
  const values = {
    address: data.address,
    date: data.date ? formatLongDateTime(data.date, locale) : "",
    url: data.mailboxesUrl,
    brand: data.brand,
  };
  const [subject, body] =
    kind === "LOCKED"
      ? [m.lockedSubject, m.lockedBody]
      : kind === "DELETED"
        ? [m.deletedSubject, m.deletedBody]
        : kind === "REOPENED"
          ? [m.reopenedSubject, m.reopenedBody]
          : [m.warningSubject, m.warningBody];
  return renderMail(locale, fill(subject, values), [m.greeting, fill(body, values), fill(m.signature, values)], [data.mailboxesUrl]);
}
