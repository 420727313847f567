// Header, main landmark and footer around a page.
import type { Messages } from "@/lib/i18n/nb";
import { SiteHeader } from "@/components/layout/SiteHeader";
import { SiteFooter } from "@/components/layout/SiteFooter";
import { env } from "@/lib/env";

export type SessionKind = "customer" | "mailbox" | "agent" | "cleanmail" | null;

/** `supervisor`: the signed-in agent manages agents, so the header offers that page. */
export function PageShell({
  m,
  session,
  path,
  supervisor = false,
  children,
}: {
  m: Messages;
  session: SessionKind;
  path: string;
  supervisor?: boolean;
  children: React.ReactNode;
}) {
  return (
    <>
      <SiteHeader m={m} brand={env().MAIL_BRAND} session={session} path={path} supervisor={supervisor} />
      <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-8">
        {children}
      </main>
      <SiteFooter m={m} />
    </>
  );
}
