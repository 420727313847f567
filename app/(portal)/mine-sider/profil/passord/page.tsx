import type { Metadata } from "next";
import { PageShell } from "@/components/layout/PageShell";
import { ActionForm } from "@/components/form/ActionForm";
import { Flash } from "@/components/mailboxes/Flash";
import { requireCustomer } from "@/lib/auth/guards";
import { fill } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";
import { changeOwnPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Endre passord" };

export default async function ChangeOwnPasswordPage({ searchParams }: { searchParams: Promise<{ endret?: string }> }) {
  await requireCustomer();
  const m = await getMessages();
  const { endret } = await searchParams;
  const count = Number.parseInt(endret ?? "", 10);
  return (
    <PageShell m={m} session="customer" path="/mine-sider/profil/passord">
      <div className="max-w-2xl space-y-6">
        <h1 className="text-3xl font-bold">{m.account.title}</h1>
        <Flash message={Number.isFinite(count) ? fill(m.account.changed, { count }) : null} />
        <p>{m.account.lead}</p>
        <ActionForm
          id="own-password"
          action={changeOwnPasswordAction}
          errorSummaryTitle={m.form.errorSummary}
          submitLabel={m.account.submit}
          pendingLabel={m.form.saving}
          fields={[
            { name: "currentPassword", label: m.account.currentPassword, type: "password", autoComplete: "current-password" },
            { name: "password", label: m.account.newPassword, hint: m.account.newPasswordHint, type: "password", autoComplete: "new-password" },
            { name: "passwordRepeat", label: m.account.repeatPassword, type: "password", autoComplete: "new-password" },
          ]}
        />
      </div>
    </PageShell>
  );
}
