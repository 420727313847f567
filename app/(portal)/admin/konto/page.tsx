import { PageShell } from "@/components/layout/PageShell";
import { TwoFactorSettings } from "@/components/two-factor/TwoFactorSettings";
import { requireAgent } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { fill } from "@/lib/i18n/format";
import { getMessages, titled } from "@/lib/i18n/server";
import { twoFactorStatus } from "@/lib/two-factor/service";
import { OwnPasswordForm } from "@/components/form/OwnPasswordForm";
import { Flash } from "@/components/mailboxes/Flash";
import { regenerateCodesAction } from "../totrinn/actions";
import { changeAgentPasswordAction } from "./actions";

export const generateMetadata = titled((m) => m.titles.agentAccount);

// The agent's own account: who is signed in, their password (new agents start with a one-time
// password), and their own two-factor login (which cannot be switched off, only given new
// recovery codes).
export default async function AgentAccountPage({ searchParams }: { searchParams: Promise<{ endret?: string }> }) {
  const agent = await requireAgent();
  const m = await getMessages();
  const twoFactor = await twoFactorStatus(db(), { kind: "AGENT", id: agent.agentId });
  const count = Number.parseInt((await searchParams).endret ?? "", 10);
  return (
    <PageShell m={m} session="agent" supervisor={agent.role === "SUPERVISOR"} path="/admin/konto">
      <div className="max-w-3xl space-y-8">
        <h1 className="text-3xl font-bold">{m.admin.accountTitle}</h1>
        <p>{fill(m.admin.signedInAs, { name: agent.name, role: m.admin.roles[agent.role] })}</p>
        <Flash message={Number.isFinite(count) ? fill(m.account.changed, { count }) : null} />
        <section aria-labelledby="own-password-heading" className="space-y-3">
          <h2 id="own-password-heading" className="text-xl font-semibold">
            {m.admin.passwordHeading}
          </h2>
          <OwnPasswordForm
            m={m}
            id="own-password"
            action={changeAgentPasswordAction}
            submitLabel={m.account.submit}
            twoFactor={twoFactor.on}
          />
        </section>
        <TwoFactorSettings
          m={m}
          status={twoFactor}
          enrolHref="/admin/totrinn"
          selfHref="/admin/konto"
          regenerateAction={regenerateCodesAction}
          offLead={m.twoFactor.mandatoryAgent}
          onLead={m.twoFactor.agentOn}
          passwordLabel={m.admin.currentPassword}
        />
      </div>
    </PageShell>
  );
}
