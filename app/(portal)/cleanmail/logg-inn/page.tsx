import { redirect } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { ActionForm } from "@/components/form/ActionForm";
import { fill } from "@/lib/i18n/format";
import { getMessages, titled } from "@/lib/i18n/server";
import { POLICY } from "@/lib/policy";
import { currentCleanmail } from "@/lib/cleanmail/session";
import { cleanmailLoginAction } from "../actions";

export const generateMetadata = titled((m) => m.titles.cleanmailLogin);

// R-CM-4: the direct login, with the mailbox's address and its Cleanmail password (rate-limited).
export default async function CleanmailLoginPage({ searchParams }: { searchParams: Promise<{ utlogget?: string; feil?: string }> }) {
  if (await currentCleanmail()) redirect("/cleanmail");
  const m = await getMessages();
  const c = m.cleanmail;
  const { utlogget, feil } = await searchParams;
  return (
    <PageShell m={m} session={null} path="/cleanmail/logg-inn">
      <div className="max-w-md space-y-6">
        <h1 className="text-3xl font-bold">{c.loginTitle}</h1>
        <p>{c.loginLead}</p>
        {utlogget && (
          <p role="status" className="rounded-md border-2 border-green-700 bg-green-50 p-3">
            {m.login.loggedOut}
          </p>
        )}
        {feil === "linkInvalid" && (
          <p role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3">
            {fill(c.linkInvalid, { days: POLICY.cleanmail.reportLinkValidDays })}
          </p>
        )}
        <ActionForm
          id="cleanmail-login"
          action={cleanmailLoginAction}
          submitLabel={m.login.submit}
          pendingLabel={m.login.submitting}
          errorSummaryTitle={m.form.errorSummary}
          fields={[
            { name: "address", label: m.mailboxArea.address, hint: m.mailboxArea.addressHint, type: "email", autoComplete: "username" },
            { name: "password", label: m.login.password, type: "password", autoComplete: "current-password" },
          ]}
        />
        <p>{c.forgotten}</p>
      </div>
    </PageShell>
  );
}
