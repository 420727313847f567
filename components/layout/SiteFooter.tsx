import Link from "next/link";
import type { Messages } from "@/lib/i18n/nb";

export function SiteFooter({ m }: { m: Messages }) {
  return (
    <footer className="mt-12 border-t border-slate-300 bg-white">
      <div className="mx-auto max-w-5xl space-y-2 px-4 py-6 text-sm text-slate-700">
        {/* R-ACC-7 */}
        <p>{m.app.footerPrivacy}</p>
        <p className="flex flex-wrap gap-4">
          <Link href="/om-tjenesten">{m.app.footerAbout}</Link>
          <Link href="/hjelp/oppsett">{m.guides.title}</Link>
          <Link href="/hjelp/vedlegg">{m.attachments.title}</Link>
          <Link href="/hjelp/returmelding">{m.bounces.title}</Link>
        </p>
      </div>
    </footer>
  );
}
