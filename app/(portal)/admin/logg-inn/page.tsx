import { redirect } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { LoginPanel } from "@/components/auth/LoginPanel";
import { currentAgent } from "@/lib/auth/guards";
import { getMessages, titled } from "@/lib/i18n/server";

export const generateMetadata = titled((m) => m.titles.agentLogin);

// Agents' own login: a session of its own kind, never shared with customers' or mailbox users'.
export default async function AgentLoginPage({ searchParams }: { searchParams: Promise<{ utlogget?: string }> }) {
  if (await currentAgent()) redirect("/admin");
  const m = await getMessages();
  const { utlogget } = await searchParams;
  return (
    <PageShell m={m} session={null} path="/admin/logg-inn">
      <LoginPanel
        m={m}
        title={m.admin.loginTitle}
        lead={m.admin.loginLead}
        loggedOut={!!utlogget}
        provider="agent"
        identifierName="email"
        target="/admin"
        identifier={{ label: m.admin.email, hint: m.admin.emailHint }}
        invalid={m.admin.invalid}
        missing={m.admin.missing}
      />
    </PageShell>
  );
}
