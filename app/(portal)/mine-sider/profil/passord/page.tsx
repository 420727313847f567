import { PageShell } from "@/components/layout/PageShell";
import { OwnPasswordForm } from "@/components/form/OwnPasswordForm";
import { Flash } from "@/components/mailboxes/Flash";
import { TwoFactorSettings } from "@/components/two-factor/TwoFactorSettings";
import { requireCustomer } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { fill } from "@/lib/i18n/format";
import { getMessages, titled } from "@/lib/i18n/server";
import { twoFactorStatus } from "@/lib/two-factor/service";
import { changeOwnPasswordAction } from "./actions";
import { disableTwoFactorAction, regenerateCodesAction } from "../totrinn/actions";

export const generateMetadata = titled((m) => m.titles.ownPassword);

// The customer's own login: password (R-SEC-5) and two-factor login (issue 4).
export default async function ChangeOwnPasswordPage({ searchParams }: { searchParams: Promise<{ endret?: string }> }) {
  const { customerId } = await requireCustomer();
  const m = await getMessages();
  const twoFactor = await twoFactorStatus(db(), { kind: "CUSTOMER", id: customerId });
  const { endret } = await searchParams;
  const count = Number.parseInt(endret ?? "", 10);
  return (
    <PageShell m={m} session="customer" path="/mine-sider/profil/passord">
      <div className="max-w-2xl space-y-8">
        <h1 className="text-3xl font-bold">{m.account.pageTitle}</h1>
        <Flash message={Number.isFinite(count) ? fill(m.account.changed, { count }) : null} />
        <section aria-labelledby="own-password-heading" className="space-y-3">
          <h2 id="own-password-heading" className="text-xl font-semibold">
            {m.account.title}
          </h2>
          <p>{m.account.lead}</p>
          <OwnPasswordForm
            m={m}
            id="own-password"
            action={changeOwnPasswordAction}
            submitLabel={m.account.submit}
            twoFactor={twoFactor.on}
          />
        </section>
        <TwoFactorSettings
          m={m}
          status={twoFactor}
          enrolHref="/mine-sider/profil/totrinn"
          selfHref="/mine-sider/profil/passord"
          regenerateAction={regenerateCodesAction}
          disableAction={disableTwoFactorAction}
          offLead={m.twoFactor.customerLead}
          onLead={m.twoFactor.onLead}
          passwordLabel={m.account.currentPassword}
        />
      </div>
    </PageShell>
  );
}
