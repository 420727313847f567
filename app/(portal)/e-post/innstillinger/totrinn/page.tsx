import Link from "next/link";
import { redirect } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { EnrolmentPanel } from "@/components/two-factor/EnrolmentPanel";
import { requestContext } from "@/lib/actions/context";
import { requireMailboxUser } from "@/lib/auth/guards";
import { twoFactorConfig } from "@/lib/env";
import { getMessages, titled } from "@/lib/i18n/server";
import { beginEnrolment } from "@/lib/two-factor/service";
import { confirmEnrolmentAction } from "./actions";

export const generateMetadata = titled((m) => m.titles.enrolment);

// R-SEC-1: the QR code and the key; 2FA turns on only when a code from the app matches. Leaving
// this page leaves 2FA off, and coming back shows the same key.
export default async function MailboxEnrolmentPage() {
  const { mailboxId } = await requireMailboxUser();
  const m = await getMessages();
  const begun = await beginEnrolment(await requestContext({ kind: "MAILBOX", mailboxId }), twoFactorConfig());
  if (!begun.ok) redirect("/e-post/innstillinger");
  return (
    <PageShell m={m} session="mailbox" path="/e-post/innstillinger/totrinn">
      <p className="mb-4">
        <Link href="/e-post/innstillinger">{m.app.back}</Link>
      </p>
      <EnrolmentPanel
        m={m}
        uri={begun.value.uri}
        secret={begun.value.secret}
        action={confirmEnrolmentAction}
        doneHref="/e-post/innstillinger"
        note={m.mailboxArea.mailClientsNote}
      />
    </PageShell>
  );
}
