import { PageShell } from "@/components/layout/PageShell";
import { visitorSession } from "@/lib/auth/guards";
import { AttachmentChecker } from "@/components/help/AttachmentChecker";
import { formatBytes } from "@/lib/i18n/format";
import { getMessages, titled } from "@/lib/i18n/server";
import { POLICY } from "@/lib/policy";

export const generateMetadata = titled((m) => m.titles.attachments);

// Help for everyone, signed in or not: will the mail platform stop this attachment? (R-ATT)
export default async function AttachmentCheckerPage() {
  const m = await getMessages();
  return (
    <PageShell m={m} session={await visitorSession()} path="/hjelp/vedlegg">
      <div className="max-w-2xl space-y-6">
        <h1 className="text-3xl font-bold">{m.attachments.title}</h1>
        <p>{m.attachments.lead}</p>
        <AttachmentChecker t={m.attachments} maxLabel={formatBytes(POLICY.mailboxes.maxMessageBytes, m.lang)} />
      </div>
    </PageShell>
  );
}
