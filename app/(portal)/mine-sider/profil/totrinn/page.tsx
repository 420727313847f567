import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { EnrolmentPanel } from "@/components/two-factor/EnrolmentPanel";
import { requireCustomer } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { twoFactorConfig } from "@/lib/env";
import { getMessages } from "@/lib/i18n/server";
import { requestClock } from "@/lib/test-clock";
import { beginEnrolment } from "@/lib/two-factor/service";
import { confirmEnrolmentAction } from "./actions";

export const metadata: Metadata = { title: "Slå på totrinnsinnlogging" };

// Customers may protect their Mine sider login with 2FA the same way as mailboxes (issue 4, item 5).
export default async function CustomerEnrolmentPage() {
  const { customerId } = await requireCustomer();
  const m = await getMessages();
  const begun = await beginEnrolment({ db: db(), clock: await requestClock(db()), actor: { kind: "CUSTOMER", customerId }, requestId: "enrolment-page" }, twoFactorConfig());
  if (!begun.ok) redirect("/mine-sider/profil/passord");
  return (
    <PageShell m={m} session="customer" path="/mine-sider/profil/totrinn">
      <p className="mb-4"><Link href="/mine-sider/profil/passord">{m.app.back}</Link></p>
      <EnrolmentPanel m={m} uri={begun.value.uri} secret={begun.value.secret} action={confirmEnrolmentAction} doneHref="/mine-sider/profil/passord" />
    </PageShell>
  );
}
