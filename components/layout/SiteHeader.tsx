import Link from "next/link";
import type { Messages } from "@/lib/i18n/nb";
import { agentLogoutAction, cleanmailLogoutAction, logoutAction, mailboxLogoutAction, switchLanguageAction } from "@/lib/actions/session";
import type { SessionKind } from "@/components/layout/PageShell";

/** Where each kind of signed-in person starts. */
export const homeOf = {
  customer: "/mine-sider/internett/e-postkontoer",
  mailbox: "/e-post/innstillinger",
  agent: "/admin",
  cleanmail: "/cleanmail",
} as const;

export function SiteHeader({
  m,
  brand,
  session,
  path,
  supervisor,
}: {
  m: Messages;
  brand: string;
  session: SessionKind;
  path: string;
  supervisor: boolean;
}) {
  const other = m.lang === "nb" ? "en" : "nb";
  const signedIn = session === "customer";
  const home = session ? homeOf[session] : "/";
  const logout = session
    ? { customer: logoutAction, mailbox: mailboxLogoutAction, agent: agentLogoutAction, cleanmail: cleanmailLogoutAction }[session]
    : null;
  return (
    <header className="border-b border-slate-300 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:bg-white focus:p-2">
        {m.app.skipToContent}
      </a>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href={home} className="text-lg font-bold text-slate-900 no-underline">
          {brand} · {m.app.name}
        </Link>
        <nav aria-label={m.app.mainNav} className="flex flex-wrap items-center gap-3">
          {signedIn && <Link href="/mine-sider/internett/e-postkontoer">{m.mailboxes.title}</Link>}
          {signedIn && <Link href="/mine-sider/fakturaer">{m.invoices.nav}</Link>}
          {signedIn && <Link href="/mine-sider/profil/passord">{m.account.nav}</Link>}
          <form action={switchLanguageAction}>
            <input type="hidden" name="lang" value={other} />
            <input type="hidden" name="back" value={path} />
            <button
              type="submit"
              lang={other === "en" ? "en" : "nb"}
              aria-label={m.app.switchLanguageLabel}
              className="rounded-md px-2 py-1 text-blue-800 underline"
            >
              {m.app.switchLanguage}
            </button>
          </form>
          {session === "cleanmail" && (
            <>
              <Link href="/cleanmail">{m.cleanmail.nav}</Link>
              <Link href="/cleanmail/avsendere">{m.cleanmail.sendersTitle}</Link>
              <Link href="/cleanmail/passord">{m.cleanmail.passwordTitle}</Link>
            </>
          )}
          {session === "agent" && (
            <>
              <Link href="/admin">{m.admin.navSearch}</Link>
              <Link href="/admin/logg">{m.admin.navAudit}</Link>
              {supervisor && <Link href="/admin/agenter">{m.admin.navAgents}</Link>}
              <Link href="/admin/konto">{m.admin.navAccount}</Link>
            </>
          )}
          {logout && (
            <form action={logout}>
              <button type="submit" className="rounded-md border-2 border-slate-700 px-3 py-1 font-semibold">
                {m.app.logout}
              </button>
            </form>
          )}
        </nav>
      </div>
    </header>
  );
}
