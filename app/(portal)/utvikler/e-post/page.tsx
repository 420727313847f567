import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { currentCustomer } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Sendt e-post (utvikler)" };

// What the local SMTP sink caught. Exists only in the embedded demo (SHOW_CAPTURED_MAIL is set by
// `npm start` when it runs both the embedded database and the sink); everywhere else: not found.
export default async function CapturedMailPage() {
  if (process.env.SHOW_CAPTURED_MAIL !== "1") notFound();
  const m = await getMessages();
  const messages = await db().sinkMessage.findMany({ orderBy: { id: "desc" }, take: 50 });
  return (
    <PageShell m={m} session={(await currentCustomer()) ? "customer" : null} path="/utvikler/e-post">
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
