// Turning on two-factor login (R-SEC-1): the steps, the QR code and the key to type, and the code
// that turns it on; once it is on, the QR code and the key leave the screen and only the recovery
// codes remain (issue 18). The same for mailbox users, customers and agents.
import QRCode from "qrcode";
import { RecoveryCodesForm } from "@/components/two-factor/RecoveryCodesForm";
import type { Messages } from "@/lib/i18n/nb";
import type { CodesState } from "@/lib/forms/two-factor";
import { groupedKey } from "@/lib/two-factor/totp";

type Props = {
  m: Messages;
  uri: string;
  secret: string;
  action: (s: CodesState, f: FormData) => Promise<CodesState>;
  doneHref: string;
  /** Said before the steps, e.g. that agents must. */
  lead?: string;
  /** Said after the key, e.g. that mail clients keep using the password. */
  note?: string;
};

export async function EnrolmentPanel({ m, uri, secret, action, doneHref, lead, note }: Props) {
  const qr = await QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 2, width: 240 });
  const t = m.twoFactor;
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold">{t.enrolTitle}</h1>
      {lead && <p className="rounded-md border-2 border-amber-700 bg-amber-50 p-3 font-semibold">{lead}</p>}
      <RecoveryCodesForm
        id="enrol"
        action={action}
        doneHref={doneHref}
        setup={
          <>
            <ol className="list-decimal space-y-1 pl-5">
              {t.enrolSteps.map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ol>
            {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server */}
            <img src={qr} alt={t.qrAlt} width={240} height={240} className="rounded-md border border-slate-300 bg-white" />
            <p>
              {t.manualKey}:{" "}
              <code id="totp-key" className="rounded bg-slate-100 px-2 py-1 font-mono text-lg">
                {groupedKey(secret)}
              </code>
            </p>
            {note && <p className="rounded-md border border-slate-300 bg-white p-3">{note}</p>}
          </>
        }
        fields={[{ name: "code", label: t.code, hint: t.enrolCodeHint, autoComplete: "one-time-code" }]}
        labels={{
          submit: t.activate,
          saving: m.form.saving,
          errorSummary: m.form.errorSummary,
          recoveryTitle: t.recoveryTitle,
          recoveryLead: t.recoveryLead,
          print: t.print,
          download: t.download,
          done: t.done,
        }}
      />
    </div>
  );
}
