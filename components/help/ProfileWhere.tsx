// Where *this* reader finds the Apple profile (issue 18): the owner on Mine sider, the mailbox user
// in the mailbox's settings, a visitor both ways.
import Link from "next/link";
import type { SessionKind } from "@/components/layout/PageShell";
import { homeOf } from "@/components/layout/SiteHeader";
import type { Messages } from "@/lib/i18n/nb";

export function ProfileWhere({ m, session }: { m: Messages; session: SessionKind }) {
  const g = m.guides;
  const links =
    session === "customer"
      ? [{ href: homeOf.customer, label: g.profileLinks.customer }]
      : session === "mailbox"
        ? [{ href: homeOf.mailbox, label: g.profileLinks.mailbox }]
        : [
            { href: "/logg-inn", label: g.profileLinks.owner },
            { href: "/e-post/logg-inn", label: g.profileLinks.user },
          ];
  return (
    <section aria-labelledby="profile-heading" className="space-y-2">
      <h2 id="profile-heading" className="text-xl font-semibold">
        {g.profileHeading}
      </h2>
      <p>{session === "customer" || session === "mailbox" ? g.profileWhere[session] : g.profileWhere.visitor}</p>
      <ul className="flex flex-wrap gap-4">
        {links.map((l) => (
          <li key={l.href}>
            <Link href={l.href}>{l.label}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
