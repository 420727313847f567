import Link from "next/link";
import { Inbox, Languages, LogOut, ReceiptText, ShieldCheck, UserRound, Search, ScrollText, Users, Ban } from "lucide-react";
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
    <header className="border-b-4 border-accent bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:bg-white focus:p-2">
        {m.app.skipToContent}
      </a>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href={home} className="flex items-center gap-3 text-slate-900 no-underline hover:text-slate-900">
          {/* The brand's mark (app/favicon.svg); the name beside it is the link's text. */}
          {/* eslint-disable-next-line @next/next/no-img-element -- an SVG of a few hundred bytes */}
          <img src="/favicon.svg" alt="" width={36} height={36} />
          <span className="leading-tight">
            <span className="block text-lg font-bold">{brand}</span>
            <span className="block text-sm text-slate-700">{m.app.name}</span>
          </span>
        </Link>
        <nav aria-label={m.app.mainNav} className="flex flex-wrap items-center gap-3">
          {signedIn && (
            <NavLink href="/mine-sider/internett/e-postkontoer" icon={<Inbox {...ICON} />}>
              {m.mailboxes.title}
            </NavLink>
          )}
          {signedIn && (
            <NavLink href="/mine-sider/fakturaer" icon={<ReceiptText {...ICON} />}>
              {m.invoices.nav}
            </NavLink>
          )}
          {signedIn && (
            <NavLink href="/mine-sider/profil/passord" icon={<UserRound {...ICON} />}>
              {m.account.nav}
            </NavLink>
          )}
          <form action={switchLanguageAction}>
            <input type="hidden" name="lang" value={other} />
            <input type="hidden" name="back" value={path} />
            <button
              type="submit"
              lang={other === "en" ? "en" : "nb"}
              aria-label={m.app.switchLanguageLabel}
              className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-brand underline"
            >
              <Languages {...ICON} />
              {m.app.switchLanguage}
            </button>
          </form>
          {session === "cleanmail" && (
            <>
              <NavLink href="/cleanmail" icon={<Inbox {...ICON} />}>
                {m.cleanmail.nav}
              </NavLink>
              <NavLink href="/cleanmail/avsendere" icon={<Ban {...ICON} />}>
                {m.cleanmail.sendersTitle}
              </NavLink>
              <NavLink href="/cleanmail/passord" icon={<ShieldCheck {...ICON} />}>
                {m.cleanmail.passwordTitle}
              </NavLink>
            </>
          )}
          {session === "agent" && (
            <>
              <NavLink href="/admin" icon={<Search {...ICON} />}>
                {m.admin.navSearch}
              </NavLink>
              <NavLink href="/admin/logg" icon={<ScrollText {...ICON} />}>
                {m.admin.navAudit}
              </NavLink>
              {supervisor && (
                <NavLink href="/admin/agenter" icon={<Users {...ICON} />}>
                  {m.admin.navAgents}
                </NavLink>
              )}
              <NavLink href="/admin/konto" icon={<UserRound {...ICON} />}>
                {m.admin.navAccount}
              </NavLink>
            </>
          )}
          {logout && (
            <form action={logout}>
              <button type="submit" className="inline-flex items-center gap-1 rounded-md border-2 border-slate-700 px-3 py-1 font-semibold">
                <LogOut {...ICON} />
                {m.app.logout}
              </button>
            </form>
          )}
        </nav>
      </div>
    </header>
  );
}

const ICON = { size: 18, "aria-hidden": true, className: "shrink-0" } as const;

function NavLink({ href, icon, children }: { href: string; icon: React.ReactNode; children: React.ReactNode }) {
  return (
    <Link href={href} className="inline-flex items-center gap-1">
      {icon}
      {children}
    </Link>
  );
}
