import Link from "next/link";
import { PageShell } from "@/components/layout/PageShell";
import { currentCustomer } from "@/lib/auth/guards";
import { getMessages } from "@/lib/i18n/server";

export default async function NotFound() {
  const m = await getMessages();
  const signedIn = !!(await currentCustomer());
  return (
    <PageShell m={m} session={signedIn ? "customer" : null} path="/">
      <h1 className="text-3xl font-bold">{m.notFound.title}</h1>
      <p className="mt-2">{m.notFound.lead}</p>
      <p className="mt-4">
        <Link href={signedIn ? "/mine-sider/internett/e-postkontoer" : "/"}>{m.app.back}</Link>
      </p>
    </PageShell>
  );
}
