// Security notices (issue 4, item 6): the account is told when its password changes, two-factor
// login goes on or off, or a recovery code is used, so a hijacked account gets noticed. Mailboxes
// get them at their own address; customers and agents at their contact e-mail. Pure composition;
// the outbox delivers.
import { messagesFor } from "@/lib/i18n/catalogues";
import { fill, formatLongDateTime } from "@/lib/i18n/format";
import { renderMail, type ComposedMail } from "@/lib/notices/compose";

export type SecurityEvent =
  | "passwordChanged"
  | "twoFactorOn"
  | "twoFactorOff"
  | "twoFactorOffByOwner"
  | "twoFactorOffByAgent"
  | "recoveryCodeUsed"
  | "recoveryCodesNew";
export type AccountKind = "MAILBOX" | "CUSTOMER" | "AGENT";

/** Whose account: its kind, and how it is named (the address, or the customer number). */
export type NoticeAccount = { kind: AccountKind; label: string };

export function composeSecurityNotice(event: SecurityEvent, locale: string, account: NoticeAccount, at: Date, brand: string): ComposedMail {
  const m = messagesFor(locale);
  const s = m.security;
  const values = {
    label: account.label,
    account: fill(s.account[account.kind], { label: account.label }),
    date: formatLongDateTime(at, locale),
    brand,
  };
  const subjectKey =
    event === "twoFactorOffByOwner" || event === "twoFactorOffByAgent" ? "twoFactorOffSubject" : (`${event}Subject` as const);
  const body = [fill(s[`${event}Body`], values)];
  if (event === "passwordChanged" && account.kind === "MAILBOX") body.push(s.passwordChangedMailClients);
  if (event === "twoFactorOn" && account.kind === "MAILBOX") body.push(m.mailboxArea.mailClientsNote);
  return renderMail(locale, fill(s[subjectKey], values), [
    m.notices.greeting,
    body.join(" "),
    s.notYou[account.kind],
    fill(m.notices.signature, values),
  ]);
}
