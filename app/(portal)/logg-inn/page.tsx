import { redirect } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { LoginPanel } from "@/components/auth/LoginPanel";
import { currentCustomer } from "@/lib/auth/guards";
import { getMessages, titled } from "@/lib/i18n/server";

export const generateMetadata = titled((m) => m.titles.login);

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ utlogget?: string }> }) {
  if (await currentCustomer()) redirect("/mine-sider/internett/e-postkontoer");
  const m = await getMessages();
  const { utlogget } = await searchParams;
  return (
    <PageShell m={m} session={null} path="/logg-inn">
      <LoginPanel
        m={m}
        title={m.login.title}
        loggedOut={!!utlogget}
        provider="customer"
        identifierName="identifier"
        target="/mine-sider/internett/e-postkontoer"
        identifier={{ label: m.login.identifier, hint: m.login.identifierHint }}
        invalid={m.login.invalid}
        missing={m.login.missing}
      />
    </PageShell>
  );
}
