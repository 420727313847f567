import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { LoginForm } from "@/components/auth/LoginForm";
import { currentCustomer } from "@/lib/auth/guards";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Logg inn" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ utlogget?: string }> }) {
  if (await currentCustomer()) redirect("/mine-sider/internett/e-postkontoer");
  const m = await getMessages();
  const { utlogget } = await searchParams;
  return (
    <PageShell m={m} session={null} path="/logg-inn">
      <div className="max-w-md space-y-6">
        <h1 className="text-3xl font-bold">{m.login.title}</h1>
        {utlogget && (
          <p role="status" className="rounded-md border-2 border-green-700 bg-green-50 p-3">
            {m.login.loggedOut}
          </p>
        )}
        <LoginForm
          lang={m.lang}
          labels={{
            identifier: m.login.identifier,
            identifierHint: m.login.identifierHint,
            password: m.login.password,
            submit: m.login.submit,
            submitting: m.login.submitting,
            invalid: m.login.invalid,
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
