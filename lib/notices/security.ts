// Security notices (issue 4, item 6): the account is told when its password changes, two-factor
// login goes on or off, or a recovery code is used, so a hijacked account gets noticed. Mailboxes
// get them at their own address; customers and agents at their contact e-mail. Pure composition;
// the outbox delivers.
import { messagesFor } from "@/lib/i18n/catalogues";
import { fill, formatLongDateTime, plural } from "@/lib/i18n/format";
import { renderMail, type ComposedMail } from "@/lib/notices/compose";

export type SecurityEvent =
  | "passwordChanged"
  | "twoFactorOn"
  | "twoFactorOff"
  | "twoFactorOffByOwner"
  | "twoFactorOffByAgent"
  | "recoveryCodeUsed"
  | "recoveryCodesNew"
  | "appPasswordCreated"
  | "appPasswordRevoked";
export type AccountKind = "MAILBOX" | "CUSTOMER" | "AGENT";

/** Whose account: its kind, and how it is named (the address, or the customer number). */
export type NoticeAccount = { kind: AccountKind; label: string };

/** What a mailbox's password change ended (R-SEC-7), said in its security e-mail. */
export type EndedForNotice = { browserSessions: number; cleanmailSessions: number; cleanmailLinks: number };

/** What else a notice names: what a password change ended, an app password's name (R-SEC-6). */
export type NoticeDetails = { ended?: EndedForNotice; appPassword?: string };

export function composeSecurityNotice(
  event: SecurityEvent,
  locale: string,
  account: NoticeAccount,
  at: Date,
  brand: string,
  details: NoticeDetails = {},
): ComposedMail {
  const ended = details.ended;
  const m = messagesFor(locale);
  const s = m.security;
  const values = {
    label: account.label,
    account: fill(s.account[account.kind], { label: account.label }),
    date: formatLongDateTime(at, locale),
    brand,
    name: details.appPassword ?? "",
  };
  const subjectKey =
    event === "twoFactorOffByOwner" || event === "twoFactorOffByAgent" ? "twoFactorOffSubject" : (`${event}Subject` as const);
  const body = [fill(s[`${event}Body`], values)];
  if (event === "passwordChanged" && account.kind === "MAILBOX") {
    const e = s.passwordChangedEnded;
    const parts = [
      [e.browsers, ended?.browserSessions ?? 0],
      [e.cleanmail, ended?.cleanmailSessions ?? 0],
      [e.links, ended?.cleanmailLinks ?? 0],
    ] as const;
    const list = parts.filter(([, count]) => count > 0).map(([message, count]) => plural(message, locale, { count }));
    const joined = list.length > 1 ? `${list.slice(0, -1).join(", ")} ${e.and} ${list.at(-1)}` : (list[0] ?? "");
    body.push(list.length ? fill(e.summary, { list: joined }) : e.none, e.mailPrograms, s.passwordChangedMailClients);
  } else if (event === "passwordChanged") body.push(s.passwordChangedWeb);
  if (event === "twoFactorOn" && account.kind === "MAILBOX") body.push(m.mailboxArea.mailClientsNote);
  return renderMail(locale, fill(s[subjectKey], values), [
    m.notices.greeting,
    body.join(" "),
    s.notYou[account.kind],
    fill(m.notices.signature, values),
  ]);
}
