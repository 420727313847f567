import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { LoginForm } from "@/components/auth/LoginForm";
import { currentAgent } from "@/lib/auth/guards";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Logg inn for kundeservice" };

// Agents' own login: a session of its own kind, never shared with customers' or mailbox users'.
export default async function AgentLoginPage({ searchParams }: { searchParams: Promise<{ utlogget?: string }> }) {
  if (await currentAgent()) redirect("/admin");
  const m = await getMessages();
  const { utlogget } = await searchParams;
  return (
    <PageShell m={m} session={null} path="/admin/logg-inn">
      <div className="max-w-md space-y-6">
        <h1 className="text-3xl font-bold">{m.admin.loginTitle}</h1>
        <p>{m.admin.loginLead}</p>
        {utlogget && (
          <p role="status" className="rounded-md border-2 border-green-700 bg-green-50 p-3">
            {m.login.loggedOut}
          </p>
        )}
        <LoginForm
          lang={m.lang}
          provider="agent"
          identifierName="email"
          target="/admin"
          labels={{
            identifier: m.admin.email,
            identifierHint: m.admin.emailHint,
            password: m.login.password,
            submit: m.login.submit,
            submitting: m.login.submitting,
            invalid: m.admin.invalid,
            throttled: m.login.throttled,
            missing: m.admin.missing,
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
