import Link from "next/link";
import { PageShell } from "@/components/layout/PageShell";
import { getMessages } from "@/lib/i18n/server";

// Next.js renders the root not-found into every portal page's payload, found or not, so it reads
// no session: a session check here cost every page a token decryption and a database round trip.
// The way back is the front page, which sends a signed-in customer on to Mine sider.
export default async function NotFound() {
  const m = await getMessages();
  return (
    <PageShell m={m} session={null} path="/">
      <h1 className="text-3xl font-bold">{m.notFound.title}</h1>
      <p className="mt-2">{m.notFound.lead}</p>
      <p className="mt-4">
        <Link href="/">{m.app.back}</Link>
      </p>
    </PageShell>
  );
}
