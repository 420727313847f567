import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { ActionForm } from "@/components/form/ActionForm";
import { getMessages } from "@/lib/i18n/server";
import { currentCleanmail } from "@/lib/cleanmail/session";
import { cleanmailLoginAction } from "../actions";

export const metadata: Metadata = { title: "Logg inn på Cleanmail" };

// R-CM-4: the direct login, with the mailbox's address and its Cleanmail password (rate-limited).
export default async function CleanmailLoginPage({ searchParams }: { searchParams: Promise<{ utlogget?: string; lenke?: string }> }) {
  if (await currentCleanmail()) redirect("/cleanmail");
  const m = await getMessages();
  const c = m.cleanmail;
  const { utlogget, lenke } = await searchParams;
  return (
    <PageShell m={m} session={null} path="/cleanmail/logg-inn">
      <div className="max-w-md space-y-6">
        <h1 className="text-3xl font-bold">{c.loginTitle}</h1>
        <p>{c.loginLead}</p>
        {utlogget && <p role="status" className="rounded-md border-2 border-green-700 bg-green-50 p-3">{m.login.loggedOut}</p>}
        {lenke && <p role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3">{c.linkInvalid}</p>}
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
