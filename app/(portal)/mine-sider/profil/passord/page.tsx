import type { Metadata } from "next";
import { PageShell } from "@/components/layout/PageShell";
import { OwnPasswordForm } from "@/components/form/OwnPasswordForm";
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
        <OwnPasswordForm m={m} id="own-password" action={changeOwnPasswordAction} submitLabel={m.account.submit} />
      </div>
    </PageShell>
  );
}
