import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { LoginForm } from "@/components/auth/LoginForm";
import { currentMailboxUser } from "@/lib/auth/guards";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Logg inn på e-postkontoen" };

const SETTINGS = "/e-post/innstillinger";

export default async function MailboxLoginPage({ searchParams }: { searchParams: Promise<{ utlogget?: string }> }) {
  if (await currentMailboxUser()) redirect(SETTINGS);
  const m = await getMessages();
  const { utlogget } = await searchParams;
  return (
    <PageShell m={m} session={null} path="/e-post/logg-inn">
      <div className="max-w-md space-y-6">
        <h1 className="text-3xl font-bold">{m.mailboxArea.loginTitle}</h1>
        <p>{m.mailboxArea.loginLead}</p>
        {utlogget && (
          <p role="status" className="rounded-md border-2 border-green-700 bg-green-50 p-3">
            {m.login.loggedOut}
          </p>
        )}
        <LoginForm
          lang={m.lang}
          provider="mailbox"
          identifierName="address"
          target={SETTINGS}
          labels={{
            identifier: m.mailboxArea.address,
            identifierHint: m.mailboxArea.addressHint,
            password: m.login.password,
            submit: m.login.submit,
            submitting: m.login.submitting,
            invalid: m.mailboxArea.invalid,
            throttled: m.login.throttled,
            missing: m.login.missing,
            failed: m.login.failed,
            code: m.twoFactor.code,
            codeHint: m.twoFactor.codeHint,
            codeInvalid: m.twoFactor.codeInvalid,
          }}
        />
      </div>
    </PageShell>
  );
}
