import Link from "next/link";
import { notFound } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { ActionForm } from "@/components/form/ActionForm";
import { Fact } from "@/components/layout/Fact";
import { requireCustomer } from "@/lib/auth/guards";
import { openOffers } from "@/lib/broadband/offers";
import { db } from "@/lib/db";
import { fill, formatDate, formatOre } from "@/lib/i18n/format";
import { getMessages, titled } from "@/lib/i18n/server";
import { POLICY } from "@/lib/policy";
import { requestClock } from "@/lib/test-clock";
import { acceptOfferAction } from "../../commerce-actions";

export const generateMetadata = titled((m) => m.titles.keepMailbox);

const LIST = "/mine-sider/internett/e-postkontoer";

// R-PAY-2..5: a clear summary (what, the price per month, from when, how to end it), an explicit
// confirmation, then the order.
export default async function KeepMailboxPage({ params }: { params: Promise<{ id: string }> }) {
  const { customerId } = await requireCustomer();
  const { id } = await params;
  const m = await getMessages();
  const p = m.paidPlan;
  const now = (await requestClock(db())).now();
  const offer = (await openOffers(db(), customerId, now)).find((o) => o.mailboxId === id);
  if (!offer) notFound();
  const price = formatOre(offer.priceOre, m.lang);

  return (
    <PageShell m={m} session="customer" path={`${LIST}/${id}/behold`}>
      <div className="max-w-2xl space-y-6">
        <p>
          <Link href={LIST}>{m.mailbox.backToList}</Link>
        </p>
        <h1 className="text-3xl font-bold break-all">{p.title}</h1>
        <section aria-labelledby="summary-heading" className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
          <h2 id="summary-heading" className="text-xl font-semibold">
            {p.summaryHeading}
          </h2>
          <dl className="space-y-3">
            <Fact term={p.what}>
              <span className="break-all">{fill(p.whatValue, { address: offer.address })}</span>
            </Fact>
            <Fact term={p.price}>{fill(p.priceValue, { price })}</Fact>
            <Fact term={p.from}>{fill(p.fromValue, { date: formatDate(now, m.lang) })}</Fact>
            <Fact term={p.cancel}>{p.cancelValue}</Fact>
            <Fact term={p.invoice}>{fill(p.invoiceValue, { fee: formatOre(POLICY.paidPlan.paperInvoiceFeeOre, m.lang) })}</Fact>
          </dl>
          {offer.closed && <p className="font-semibold">{p.restores}</p>}
        </section>
        <ActionForm
          id="keep"
          action={acceptOfferAction}
          submitLabel={p.order}
          errorSummaryTitle={m.form.errorSummary}
          pendingLabel={m.form.saving}
          hidden={{ offerId: offer.id }}
          fields={[{ name: "confirmed", label: fill(p.confirm, { address: offer.address, price }), type: "checkbox" }]}
        >
          <Link href={LIST}>{m.app.back}</Link>
        </ActionForm>
      </div>
    </PageShell>
  );
}
