import Link from "next/link";
import { PageShell } from "@/components/layout/PageShell";
import { Flash } from "@/components/mailboxes/Flash";
import { StandingBadge } from "@/components/mailboxes/StandingBadge";
import { StandingDetail } from "@/components/mailboxes/StandingDetail";
import { LastLogin, MailboxStorage } from "@/components/mailboxes/StorageBar";
import { requireCustomer } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { requestClock } from "@/lib/test-clock";
import { fill, formatDate, monthlyPrice, plural } from "@/lib/i18n/format";
import { outcomeIn } from "@/lib/http/outcome";
import { getMessages, titled } from "@/lib/i18n/server";
import type { Template } from "@/lib/i18n/types";
import { countActive, customerPageFlags, listCustomerMailboxes } from "@/lib/mailboxes/queries";
import { IncomingTransfers } from "@/components/mailboxes/IncomingTransfers";
import { SendingBlocked } from "@/components/mailboxes/SendingBlocked";
import { PaidPlanOffers } from "@/components/mailboxes/PaidPlanOffers";
import { openOffers } from "@/lib/broadband/offers";
import { openTransfers } from "@/lib/transfers/service";
import { decideTransferAction } from "./commerce-actions";

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
  const broadbandEnded = customer.broadbandStatus === "ENDED";

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
          {broadbandEnded ? (
            <p className="max-w-md text-sm">{m.errors.broadbandEnded}</p>
          ) : active < max ? (
            <Link
              href={`${PATH}/ny`}
              className="rounded-md bg-blue-800 px-4 py-2 font-semibold text-white no-underline hover:bg-blue-900 hover:text-white"
            >
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
                    className="rounded-md border-2 border-blue-800 px-3 py-1 font-semibold no-underline"
                  >
                    {m.mailboxes.manage}
                  </Link>
                </div>
                <dl className="mt-3 grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-4">
                  <div>
                    <dt className="text-sm text-slate-700">{m.mailboxes.table.status}</dt>
                    <dd>
                      <StandingBadge standing={row.standing} label={m.mailboxes.standing[row.standing]} />
                    </dd>
                  </div>
                  <div>
                    <dt className="text-sm text-slate-700">{m.mailboxes.table.plan}</dt>
                    <dd>{fill(m.mailboxes.plan[row.plan], { price: monthlyPrice(m.lang) })}</dd>
                  </div>
                  <div>
                    <dt className="text-sm text-slate-700">{m.mailboxes.table.lastLogin}</dt>
                    <dd>
                      <LastLogin m={m} login={row.lastLogin} />
                    </dd>
                  </div>
                  <div>
                    <dt className="text-sm text-slate-700">{m.mailboxes.table.twoFactor}</dt>
                    <dd>
                      {row.twoFactor ? m.mailboxes.on : m.mailboxes.off}
                      {row.appPasswords > 0 && ` · ${plural(m.appPasswords.ownerSummary, m.lang, { count: row.appPasswords })}`}
                    </dd>
                  </div>
                  <div className="sm:col-span-2">
                    <dt className="text-sm text-slate-700">{m.mailboxes.table.storage}</dt>
                    <dd>
                      <MailboxStorage m={m} usage={row.usage} />
                    </dd>
                  </div>
                </dl>
                <StandingDetail m={m} row={row} className="mt-3 text-sm" atLimit={active >= max} />
                <SendingBlocked m={m} until={row.sendBlockedUntil} reason={row.sendBlockReason} />
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
