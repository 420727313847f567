import { redirect } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { EnrolmentPanel } from "@/components/two-factor/EnrolmentPanel";
import { requestContext } from "@/lib/actions/context";
import { requireAgentForEnrolment } from "@/lib/auth/guards";
import { twoFactorConfig } from "@/lib/env";
import { getMessages, titled } from "@/lib/i18n/server";
import { beginEnrolment } from "@/lib/two-factor/service";
import { confirmEnrolmentAction } from "./actions";

export const generateMetadata = titled((m) => m.titles.enrolment);

// Two-factor login is mandatory for agents (issue 4, item 5): every admin page sends an agent
// without it here, and this page is all they can reach until it is on.
export default async function AgentEnrolmentPage() {
  const { agentId, role } = await requireAgentForEnrolment();
  const m = await getMessages();
  const begun = await beginEnrolment(await requestContext({ kind: "AGENT", agentId, role }), twoFactorConfig());
  if (!begun.ok) redirect("/admin");
  return (
    <PageShell m={m} session="agent" path="/admin/totrinn">
      <EnrolmentPanel
        m={m}
        uri={begun.value.uri}
        secret={begun.value.secret}
        action={confirmEnrolmentAction}
        doneHref="/admin"
        lead={m.twoFactor.mandatoryAgent}
      />
    </PageShell>
  );
}
