import Link from "next/link";
import { redirect } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { EnrolmentPanel } from "@/components/two-factor/EnrolmentPanel";
import { requestContext } from "@/lib/actions/context";
import { requireCustomer } from "@/lib/auth/guards";
import { twoFactorConfig } from "@/lib/env";
import { getMessages, titled } from "@/lib/i18n/server";
import { beginEnrolment } from "@/lib/two-factor/service";
import { confirmEnrolmentAction } from "./actions";

export const generateMetadata = titled((m) => m.titles.enrolment);

// Customers may protect their Mine sider login with 2FA the same way as mailboxes (issue 4, item 5).
export default async function CustomerEnrolmentPage() {
  const { customerId } = await requireCustomer();
  const m = await getMessages();
  const begun = await beginEnrolment(await requestContext({ kind: "CUSTOMER", customerId }), twoFactorConfig());
  if (!begun.ok) redirect("/mine-sider/profil/passord");
  return (
    <PageShell m={m} session="customer" path="/mine-sider/profil/totrinn">
      <p className="mb-4">
        <Link href="/mine-sider/profil/passord">{m.app.back}</Link>
      </p>
      <EnrolmentPanel
        m={m}
        uri={begun.value.uri}
        secret={begun.value.secret}
        action={confirmEnrolmentAction}
        doneHref="/mine-sider/profil/passord"
      />
    </PageShell>
  );
}
