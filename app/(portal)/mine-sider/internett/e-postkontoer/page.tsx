import Link from "next/link";
import { PageShell } from "@/components/layout/PageShell";
import { Flash } from "@/components/mailboxes/Flash";
import { MailboxFacts } from "@/components/mailboxes/MailboxFacts";
import { requireCustomer } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { requestClock } from "@/lib/test-clock";
import { fill, formatDate, monthlyPrice } from "@/lib/i18n/format";
import { outcomeIn } from "@/lib/http/outcome";
import { getMessages, titled } from "@/lib/i18n/server";
import type { Template } from "@/lib/i18n/types";
import { countActive, customerPageFlags, listCustomerMailboxes, newMailboxBlock } from "@/lib/mailboxes/queries";
import { IncomingTransfers } from "@/components/mailboxes/IncomingTransfers";
import { PaidPlanOffers } from "@/components/mailboxes/PaidPlanOffers";
import { openOffers } from "@/lib/broadband/offers";
import { openTransfers } from "@/lib/transfers/service";
import { decideTransferAction } from "./commerce-actions";
import { buttonClass } from "@/components/ui/buttons";
import { Plus, Settings } from "lucide-react";

export const generateMetadata = titled((m) => m.titles.mailboxes);

const PATH = "/mine-sider/internett/e-postkontoer";

export default async function MailboxesPage({ searchParams }: { searchParams: Promise<{ ok?: string; adresse?: string }> }) {
  const { customerId } = await requireCustomer();
  const m = await getMessages();
  const now = (await requestClock(db())).now();
  const [rows, customer] = await Promise.all([listCustomerMailboxes(db(), customerId, now), customerPageFlags(db(), customerId, now)]);
  const [offers, transfers] = await Promise.all([
    customer.offers ? openOffers(db(), customerId, now) : [],
    customer.transfers ? openTransfers(db(), customerId, now) : { incoming: [], outgoing: [] },
  ]);
  const { active, max } = countActive(rows);
  const live = rows.filter((r) => r.standing !== "deleted");
  const deleted = rows.filter((r) => r.standing === "deleted");
  const { ok, adresse } = await searchParams;
  const flashes: Record<string, Template<"address"> | string> = {
    ...m.mailboxes.flash,
    accepted: fill(m.paidPlan.accepted, { address: "{address}", price: monthlyPrice(m.lang) }),
    transferApproved: m.transfers.flash.approved,
    transferDeclined: m.transfers.flash.declined,
    transferExpired: m.transfers.flash.expired,
  };
  const flashTemplate = outcomeIn(flashes, ok);
  const blocked = newMailboxBlock(rows, customer.broadbandStatus);

  return (
    <PageShell m={m} session="customer" path={PATH}>
      <div className="space-y-6">
        <div className="space-y-2">
          <h1 className="text-3xl font-bold">{m.mailboxes.title}</h1>
          <p>{m.mailboxes.lead}</p>
        </div>
        <Flash message={flashTemplate ? fill(flashTemplate, { address: adresse?.slice(0, 100) ?? "" }) : null} />
        <PaidPlanOffers m={m} offers={offers} basePath={PATH} />
        <IncomingTransfers m={m} requests={transfers.incoming} action={decideTransferAction} />
        <div className="flex flex-wrap items-center justify-between gap-4 rounded-md border border-slate-300 bg-white p-4">
          <p className="text-lg font-semibold" id="active-count">
            {fill(m.mailboxes.activeCount, { active, max })}
          </p>
          {blocked === "broadband" ? (
            <p className="max-w-md text-sm">{m.errors.broadbandEnded}</p>
          ) : blocked === null ? (
            <Link href={`${PATH}/ny`} className={buttonClass("primary")}>
              <Plus size={18} aria-hidden className="shrink-0" />
              {m.mailboxes.create}
            </Link>
          ) : (
            <p className="max-w-md text-sm">{fill(m.mailboxes.limitReachedHint, { max })}</p>
          )}
        </div>

        {live.length === 0 ? (
          <div className="rounded-md border border-dashed border-slate-500 bg-white p-6">
            <h2 className="text-xl font-semibold">{m.mailboxes.empty}</h2>
            <p className="mt-1">{m.mailboxes.emptyHint}</p>
          </div>
        ) : (
          <ul className="space-y-4" aria-label={m.mailboxes.table.caption}>
            {live.map((row) => (
              <li key={row.id} className="rounded-md border border-slate-300 bg-white p-4">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div>
                    <h2 className="text-xl font-semibold break-all">{row.address}</h2>
                    <p className="text-slate-700">{row.displayName}</p>
                  </div>
                  <Link
                    href={`${PATH}/${row.id}`}
                    aria-label={fill(m.mailboxes.manageLabel, { address: row.address })}
                    className={buttonClass("secondary", "sm")}
                  >
                    <Settings size={16} aria-hidden className="shrink-0" />
                    {m.mailboxes.manage}
                  </Link>
                </div>
                <div className="mt-3">
                  <MailboxFacts m={m} row={row} atLimit={active >= max} />
                </div>
              </li>
            ))}
          </ul>
        )}

        {deleted.length > 0 && (
          <section aria-labelledby="deleted-heading" className="space-y-2">
            <h2 id="deleted-heading" className="text-xl font-semibold">
              {m.mailboxes.deletedTitle}
            </h2>
            <p className="text-sm">{m.mailboxes.deletedHint}</p>
            <ul className="list-disc pl-5">
              {deleted.map((row) => (
                <li key={row.id}>
                  <span className="break-all">{row.address}</span>
                  {row.deletedAt && <> – {fill(m.mailboxes.deletedOn, { date: formatDate(row.deletedAt, m.lang) })}</>}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </PageShell>
  );
}
