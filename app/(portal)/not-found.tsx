import Link from "next/link";
import { PageShell } from "@/components/layout/PageShell";
import { homeOf } from "@/components/layout/SiteHeader";
import { claimedSessionKind } from "@/lib/auth/guards";
import { getMessages } from "@/lib/i18n/server";

// Next.js renders the root not-found into every portal page's payload, found or not, so it does
// not ask the database about the session: the cookie's claim is enough to show the right header
// (decrypted once per request and shared with the page's own guard).
const sessionOf = { CUSTOMER: "customer", MAILBOX: "mailbox", AGENT: "agent" } as const;

export default async function NotFound() {
  const m = await getMessages();
  const kind = await claimedSessionKind();
  const session = kind ? sessionOf[kind] : null;
  return (
    <PageShell m={m} session={session} path="/">
      <h1 className="text-3xl font-bold">{m.notFound.title}</h1>
      <p className="mt-2">{m.notFound.lead}</p>
      <p className="mt-4">
        <Link href={session ? homeOf[session] : "/"}>{m.app.back}</Link>
      </p>
    </PageShell>
  );
}
