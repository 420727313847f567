import Link from "next/link";
import { PageShell } from "@/components/layout/PageShell";
import { homeOf } from "@/components/layout/SiteHeader";
import { visitorSession } from "@/lib/auth/guards";
import { getMessages } from "@/lib/i18n/server";

// Next.js renders the root not-found into every portal page's payload, found or not. The header it
// shows follows the live session, never the cookie's claim alone (a revoked token shows none); on a
// signed-in page the check is the page guard's own, made once per request.
export default async function NotFound() {
  const m = await getMessages();
  const session = await visitorSession();
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
