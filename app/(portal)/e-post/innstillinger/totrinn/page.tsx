import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import QRCode from "qrcode";
import { PageShell } from "@/components/layout/PageShell";
import { EnrolmentForm } from "@/components/two-factor/EnrolmentForm";
import { requireMailboxUser } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { env, totpKey } from "@/lib/env";
import { getMessages } from "@/lib/i18n/server";
import { requestClock } from "@/lib/test-clock";
import { beginEnrolment } from "@/lib/two-factor/mailbox-two-factor";
import { groupedKey } from "@/lib/two-factor/totp";
import { confirmEnrolmentAction } from "./actions";

export const metadata: Metadata = { title: "Slå på totrinnsinnlogging" };

// R-SEC-1: the QR code and the key; 2FA turns on only when a code from the app matches. Leaving
// this page leaves 2FA off, and coming back shows the same key.
export default async function EnrolmentPage() {
  const { mailboxId } = await requireMailboxUser();
  const m = await getMessages();
  const begun = await beginEnrolment({ db: db(), clock: await requestClock(db()), actor: { kind: "MAILBOX", mailboxId }, requestId: "enrolment-page" }, totpKey(), env().MAIL_BRAND);
  if (!begun.ok) redirect("/e-post/innstillinger");
  const qr = await QRCode.toDataURL(begun.value.uri, { errorCorrectionLevel: "M", margin: 2, width: 240 });
  return (
    <PageShell m={m} session="mailbox" path="/e-post/innstillinger/totrinn">
      <div className="max-w-2xl space-y-6">
        <p><Link href="/e-post/innstillinger">{m.app.back}</Link></p>
        <h1 className="text-3xl font-bold">{m.mailboxArea.enrolTitle}</h1>
        <ol className="list-decimal space-y-1 pl-5">
          {m.mailboxArea.enrolSteps.map((step) => <li key={step}>{step}</li>)}
        </ol>
        {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server */}
        <img src={qr} alt={m.mailboxArea.qrAlt} width={240} height={240} className="rounded-md border border-slate-300 bg-white" />
        <p>
          {m.mailboxArea.manualKey}: <code id="totp-key" className="rounded bg-slate-100 px-2 py-1 font-mono text-lg">{groupedKey(begun.value.secret)}</code>
        </p>
        <p className="rounded-md border border-slate-300 bg-white p-3">{m.mailboxArea.mailClientsNote}</p>
        <EnrolmentForm
          action={confirmEnrolmentAction}
          labels={{
            code: m.mailboxArea.code,
            codeHint: m.mailboxArea.enrolCodeHint,
            activate: m.mailboxArea.activate,
            saving: m.form.saving,
            errorSummary: m.form.errorSummary,
            recoveryTitle: m.mailboxArea.recoveryTitle,
            recoveryLead: m.mailboxArea.recoveryLead,
            print: m.mailboxArea.print,
            download: m.mailboxArea.download,
            done: m.mailboxArea.done,
          }}
        />
      </div>
    </PageShell>
  );
}
