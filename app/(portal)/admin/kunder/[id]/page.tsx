import { reasonHint } from "@/lib/admin/error-messages";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { Fact } from "@/components/layout/Fact";
import { ActionForm } from "@/components/form/ActionForm";
import { Flash } from "@/components/mailboxes/Flash";
import { StandingBadge } from "@/components/mailboxes/StandingBadge";
import { requireAgent } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { customerDossier } from "@/lib/admin/queries";
import { versionOf } from "@/lib/admin/service";
import { isUuid } from "@/lib/ids";
import { fill, formatDate, monthlyPrice } from "@/lib/i18n/format";
import { getMessages, titled } from "@/lib/i18n/server";
import { requestClock } from "@/lib/test-clock";
import { broadbandAction } from "../../actions";

export const generateMetadata = titled((m) => m.titles.adminCustomer);

// The customer page (issue 5): the relationship, broadband, the mailboxes with status and plan,
// and the active count of 5 (R-ACC-2).
export default async function AdminCustomerPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ ok?: string }>;
}) {
  const agent = await requireAgent();
  const { id } = await params;
  const { ok } = await searchParams;
  const m = await getMessages();
  const a = m.admin;
  const dossier = isUuid(id) ? await customerDossier(db(), id, (await requestClock(db())).now()) : null;
  if (!dossier) notFound();
  const { customer, mailboxes, active } = dossier;
  const common = {
    errorSummaryTitle: m.form.errorSummary,
    pendingLabel: m.form.saving,
    hidden: { id: customer.id, version: versionOf(customer) },
  };
  const ended = customer.broadbandStatus === "ENDED";

  return (
    <PageShell m={m} session="agent" supervisor={agent.role === "SUPERVISOR"} path={`/admin/kunder/${customer.id}`}>
      <div className="max-w-4xl space-y-8">
        <p>
          <Link href="/admin">{m.app.back}</Link>
        </p>
        <h1 className="text-3xl font-bold">{fill(a.customerTitle, { name: customer.name })}</h1>
        <Flash message={ok === "broadband" ? a.done.broadband : null} />
        <section aria-labelledby="facts-heading" className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
          <h2 id="facts-heading" className="text-xl font-semibold">
            {a.customerFacts}
          </h2>
          <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
            <Fact term={a.customerNumber}>{customer.customerNumber}</Fact>
            <Fact term={a.contactEmail}>
              <span className="break-all">{customer.email}</span>
            </Fact>
            <Fact term={a.phone}>{customer.phone ?? a.none}</Fact>
            <Fact term={a.broadbandStatus}>
              {a.broadband[customer.broadbandStatus]}
              {ended && customer.broadbandEndedAt
                ? `, ${fill(a.broadbandEndedOn, { date: formatDate(customer.broadbandEndedAt, m.lang) })}`
                : ""}
            </Fact>
            <Fact term={a.invoiceChannel}>{a.invoiceChannels[customer.invoiceChannel]}</Fact>
            <Fact term={a.customerSince}>{formatDate(customer.createdAt, m.lang)}</Fact>
            <Fact term={a.customerTwoFactor}>{dossier.twoFactor ? m.mailboxes.on : m.mailboxes.off}</Fact>
          </dl>
          <p>
            <Link href={`/admin/logg?${new URLSearchParams({ gjelder: customer.id })}`}>{a.navAudit}</Link>
          </p>
        </section>

        <section aria-labelledby="mailboxes-heading" className="space-y-3">
          <h2 id="mailboxes-heading" className="text-xl font-semibold">
            {fill(a.mailboxesHeading, { active: active.active, max: active.max })}
          </h2>
          {mailboxes.length === 0 ? (
            <p>{a.noMailboxes}</p>
          ) : (
            <ul className="divide-y divide-slate-300 rounded-md border border-slate-300 bg-white">
              {mailboxes.map((box) => (
                <li key={box.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                  <Link href={`/admin/e-postkontoer/${box.id}`} className="font-semibold break-all">
                    {box.address}
                  </Link>
                  <span className="flex flex-wrap items-center gap-3 text-sm">
                    <StandingBadge standing={box.standing} label={m.mailboxes.standing[box.standing]} />
                    <span>{fill(a.plan[box.plan], { price: monthlyPrice(m.lang) })}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="broadband-heading" className="space-y-3">
          <h2 id="broadband-heading" className="text-xl font-semibold">
            {a.broadbandHeading}
          </h2>
          <p>{a.broadbandLead}</p>
          <ActionForm
            id="broadband"
            action={broadbandAction}
            submitLabel={ended ? a.broadbandActivate : a.broadbandEnd}
            variant="secondary"
            {...common}
            hidden={{ ...common.hidden, status: ended ? "ACTIVE" : "ENDED" }}
            fields={[
              ...(ended ? [] : [{ name: "endedOn", label: a.endedOn, hint: a.endedOnHint, type: "date" as const }]),
              { name: "reason", label: a.reason, hint: reasonHint(m), autoComplete: "off" },
            ]}
          />
        </section>
      </div>
    </PageShell>
  );
}
