// The lifecycle's e-mails (R-LC-2, R-LC-3, R-ACC-3), in the customer's language, as plain text and
// HTML, with the exact date and time in Europe/Oslo. Pure but for the brand's configuration.
import { localeOf, messagesFor } from "@/lib/i18n/catalogues";
import { fill, formatLongDateTime } from "@/lib/i18n/format";
import { brand } from "@/lib/env";

export type NoticeKind = "LOCK_WARNING_14" | "LOCK_WARNING_7" | "LOCKED" | "DELETED" | "REOPENED";

export type ComposedMail = { subject: string; text: string; html: string };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/**
 * An e-mail from paragraphs: plain text, and HTML in which the given URLs are links, under the
 * brand's heading (issue 18). Every e-mail the portal writes goes through here, so they all look
 * alike and escape alike. The HTML is tables and inline styles because that is what mail programs
 * keep; the brand's name is text, not an image, so it shows with images blocked.
 */
export function renderMail(locale: string, subject: string, paragraphs: string[], links: string[] = []): ComposedMail {
  const b = brand();
  const linkify = (html: string) =>
    links.reduce(
      (out, url) => out.split(escapeHtml(url)).join(`<a href="${escapeHtml(url)}" style="color:${b.light.primary}">${escapeHtml(url)}</a>`),
      html,
    );
  const font = "font-family: Inter, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
  const body = paragraphs
    .flatMap((p) => p.split("\n\n"))
    .map((p) => `<p>${linkify(escapeHtml(p).replace(/\n/g, "<br>"))}</p>`)
    .join("");
  const html =
    `<!doctype html><html lang="${localeOf(locale)}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0; padding:0; background:#f8fafc">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f8fafc"><tr><td align="center" style="padding:24px 12px">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px; background:#ffffff; border:1px solid #cbd5e1">` +
    `<tr><td style="background:${b.light.primary}; border-bottom:4px solid ${b.light.accent}; padding:14px 24px; ${font}">` +
    `<span style="display:inline-block; width:32px; height:32px; line-height:32px; text-align:center; border-radius:7px; background:#ffffff; color:${b.light.primary}; font-weight:700; font-size:18px">${escapeHtml(b.initial)}</span>` +
    `<span style="margin-left:10px; color:#ffffff; font-weight:700; font-size:18px; vertical-align:middle">${escapeHtml(b.name)}</span></td></tr>` +
    `<tr><td style="padding:8px 24px 16px; color:#0f172a; font-size:16px; line-height:1.5; ${font}">${body}</td></tr>` +
    `</table></td></tr></table></body></html>`;
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
