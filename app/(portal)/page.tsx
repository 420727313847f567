import Link from "next/link";
import { redirect } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { currentCustomer } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { fill } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";
import { buttonClass } from "@/components/ui/buttons";

export default async function HomePage() {
  if (await currentCustomer()) redirect("/mine-sider/internett/e-postkontoer");
  const m = await getMessages();
  return (
    <PageShell m={m} session={null} path="/">
      <div className="max-w-2xl space-y-4">
        <h1 className="text-3xl font-bold">{fill(m.home.title, { brand: env().MAIL_BRAND })}</h1>
        <p className="text-lg">{m.home.lead}</p>
        <p className="flex flex-wrap gap-4">
          <Link href="/logg-inn" className={buttonClass("primary")}>
            {m.home.login}
          </Link>
          <Link href="/e-post/logg-inn">{m.home.mailboxLogin}</Link>
          <Link href="/om-tjenesten">{m.home.about}</Link>
        </p>
      </div>
    </PageShell>
  );
}
