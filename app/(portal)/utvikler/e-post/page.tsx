import { notFound } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { visitorSession } from "@/lib/auth/guards";
import { clientIpFrom } from "@/lib/auth/request";
import { headers } from "next/headers";
import { timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db";
import { recentSinkMessages } from "@/lib/mail/sink";
import { formatDateTime } from "@/lib/i18n/format";
import { getMessages, titled } from "@/lib/i18n/server";

export const generateMetadata = titled((m) => m.titles.developerMail);

/** Loopback only, as the demo's own server sees the connecting peer. */
const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

function keyMatches(given: string | undefined, key: string): boolean {
  const a = Buffer.from(given ?? "");
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

// What the local SMTP sink caught (report links included, so it must be the developer's alone,
// issue 14). Exists only in the embedded demo: `npm start` makes a key at each start
// (CAPTURED_MAIL_KEY) and prints the page's address with it. Without the key, or from anywhere but
// this machine: not found.
export default async function CapturedMailPage({ searchParams }: { searchParams: Promise<{ nokkel?: string }> }) {
  const key = process.env.CAPTURED_MAIL_KEY;
  const { nokkel } = await searchParams;
  if (!key || !keyMatches(nokkel, key) || !LOOPBACK.has(clientIpFrom((await headers()).get("x-forwarded-for")))) notFound();
  const m = await getMessages();
  const messages = await recentSinkMessages(db());
  return (
    <PageShell m={m} session={await visitorSession()} path="/utvikler/e-post">
      <div className="space-y-6">
        <h1 className="text-3xl font-bold">{m.capturedMail.title}</h1>
        <p>{m.capturedMail.lead}</p>
        {messages.length === 0 ? (
          <p className="rounded-md border border-dashed border-slate-500 bg-white p-6">{m.capturedMail.empty}</p>
        ) : (
          <ul className="space-y-4">
            {messages.map((msg) => (
              <li key={String(msg.id)} className="rounded-md border border-slate-300 bg-white p-4">
                <h2 className="text-lg font-semibold break-words">{msg.subject}</h2>
                <p className="text-sm text-slate-700">
                  {formatDateTime(msg.receivedAt, m.lang)} · {m.capturedMail.to} {msg.to.join(", ")}
                </p>
                <pre className="mt-2 whitespace-pre-wrap break-words font-sans">{msg.text}</pre>
              </li>
            ))}
          </ul>
        )}
      </div>
    </PageShell>
  );
}
