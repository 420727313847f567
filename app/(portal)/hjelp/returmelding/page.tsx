import { PageShell } from "@/components/layout/PageShell";
import { visitorSession } from "@/lib/auth/guards";
import { BounceExplainer } from "@/components/help/BounceExplainer";
import { getMessages, titled } from "@/lib/i18n/server";
import { explainBounceAction } from "./actions";

export const generateMetadata = titled((m) => m.titles.bounce);

// R-BNC-1, R-BNC-2: what a "Mail Delivery System" message means, and what to do.
export default async function BouncePage() {
  const m = await getMessages();
  return (
    <PageShell m={m} session={await visitorSession()} path="/hjelp/returmelding">
      <div className="max-w-3xl space-y-6">
        <h1 className="text-3xl font-bold">{m.bounces.title}</h1>
        <p>{m.bounces.lead}</p>
        <BounceExplainer t={m.bounces} saving={m.form.saving} action={explainBounceAction} />
      </div>
    </PageShell>
  );
}
