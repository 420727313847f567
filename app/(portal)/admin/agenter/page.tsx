import { reasonHint } from "@/lib/admin/error-messages";
import { PageShell } from "@/components/layout/PageShell";
import { ActionForm } from "@/components/form/ActionForm";
import { Flash } from "@/components/mailboxes/Flash";
import { requireSupervisor } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { listAgents } from "@/lib/admin/agents";
import { fill, formatDate } from "@/lib/i18n/format";
import { outcomeIn } from "@/lib/http/outcome";
import { getMessages, titled } from "@/lib/i18n/server";
import { addAgentAction, agentRoleAction, deactivateAgentAction, resetAgentTwoFactorAction } from "./actions";

export const generateMetadata = titled((m) => m.titles.agents);

// Supervisors manage agents (issue 5): add, change role, reset 2FA, deactivate.
export default async function AgentsPage({ searchParams }: { searchParams: Promise<{ ok?: string }> }) {
  const me = await requireSupervisor();
  const m = await getMessages();
  const a = m.admin;
  const { ok } = await searchParams;
  const agents = await listAgents(db());
  const common = { errorSummaryTitle: m.form.errorSummary, pendingLabel: m.form.saving, variant: "secondary" as const };
  const reason = { name: "reason", label: a.reason, hint: reasonHint(m), autoComplete: "off" };
  const roles = [
    { value: "AGENT", label: a.roles.AGENT },
    { value: "SUPERVISOR", label: a.roles.SUPERVISOR },
  ];

  return (
    <PageShell m={m} session="agent" supervisor path="/admin/agenter">
      <div className="max-w-4xl space-y-8">
        <h1 className="text-3xl font-bold">{a.agentsTitle}</h1>
        <p>{a.agentsLead}</p>
        <Flash message={outcomeIn(a.agentDone, ok)} />

        <section aria-labelledby="add-agent-heading" className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
          <h2 id="add-agent-heading" className="text-xl font-semibold">
            {a.addAgentHeading}
          </h2>
          <ActionForm
            id="add-agent"
            action={addAgentAction}
            submitLabel={a.addAgent}
            errorSummaryTitle={m.form.errorSummary}
            pendingLabel={m.form.saving}
            fields={[
              { name: "name", label: a.agentName, autoComplete: "off" },
              { name: "email", label: a.agentEmail, type: "email", autoComplete: "off" },
              { name: "role", label: a.agentRole, options: roles, defaultValue: "AGENT" },
            ]}
          />
        </section>

        <section aria-labelledby="agents-heading" className="space-y-3">
          <h2 id="agents-heading" className="text-xl font-semibold">
            {a.agentList}
          </h2>
          <ul className="space-y-4">
            {agents.map((agent) => {
              const self = agent.id === me.agentId;
              const hidden = { agentId: agent.id };
              return (
                <li key={agent.id} className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
                  <h3 className="text-lg font-semibold">
                    {agent.name}
                    {self ? ` (${a.you})` : ""}
                  </h3>
                  <p className="break-all">
                    {agent.email} · {a.roles[agent.role]} · {a.agentTwoFactor[String(agent.twoFactor) as "true" | "false"]}
                    {agent.deactivatedAt ? ` · ${fill(a.agentDeactivated, { date: formatDate(agent.deactivatedAt, m.lang) })}` : ""}
                  </p>
                  {!self && !agent.deactivatedAt && (
                    <details>
                      <summary className="cursor-pointer font-semibold text-brand underline">
                        {a.changeRole}, {a.resetTwoFactor.toLowerCase()}, {a.deactivate.toLowerCase()}
                      </summary>
                      <div className="mt-3 grid gap-6 md:grid-cols-3">
                        <ActionForm
                          id={`role-${agent.id}`}
                          action={agentRoleAction}
                          submitLabel={agent.role === "AGENT" ? a.makeSupervisor : a.makeAgent}
                          {...common}
                          hidden={{ ...hidden, role: agent.role === "AGENT" ? "SUPERVISOR" : "AGENT" }}
                          fields={[reason]}
                        />
                        <div className="space-y-2">
                          <p className="text-sm">{a.resetTwoFactorHint}</p>
                          <ActionForm
                            id={`reset-${agent.id}`}
                            action={resetAgentTwoFactorAction}
                            submitLabel={a.resetTwoFactor}
                            {...common}
                            hidden={hidden}
                            fields={[reason]}
                          />
                        </div>
                        <div className="space-y-2">
                          <p className="text-sm">{a.deactivateHint}</p>
                          <ActionForm
                            id={`deactivate-${agent.id}`}
                            action={deactivateAgentAction}
                            submitLabel={a.deactivate}
                            {...common}
                            variant="danger"
                            hidden={hidden}
                            fields={[reason]}
                          />
                        </div>
                      </div>
                    </details>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      </div>
    </PageShell>
  );
}
