import { PageShell } from "@/components/layout/PageShell";
import { requireCustomer } from "@/lib/auth/guards";
import { customerInvoices } from "@/lib/billing/service";
import { db } from "@/lib/db";
import { fill, formatDate, formatMonth, formatOre, monthlyPrice, plural } from "@/lib/i18n/format";
import { getMessages, titled } from "@/lib/i18n/server";
import { POLICY } from "@/lib/policy";

export const generateMetadata = titled((m) => m.titles.invoices);

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

// The customer's invoices for the paid plan (R-PAY-5), newest first, each line as it was billed.
export default async function InvoicesPage() {
  const { customerId } = await requireCustomer();
  const m = await getMessages();
  const t = m.invoices;
  const { invoices, paying } = await customerInvoices(db(), customerId);
  return (
    <PageShell m={m} session="customer" path="/mine-sider/fakturaer">
      <div className="max-w-3xl space-y-6">
        <h1 className="text-3xl font-bold">{t.title}</h1>
        <p>{fill(t.lead, { price: monthlyPrice(m.lang), fee: formatOre(POLICY.paidPlan.paperInvoiceFeeOre, m.lang) })}</p>
        {invoices.length === 0 ? (
          <p className="rounded-md border border-dashed border-slate-500 bg-white p-6">
            {paying > 0 ? plural(t.emptyPaying, m.lang, { count: paying, price: monthlyPrice(m.lang) }) : t.empty}
          </p>
        ) : (
          invoices.map((invoice) => (
            <section
              key={invoice.id}
              aria-labelledby={`invoice-${invoice.number}`}
              className="space-y-2 rounded-md border border-slate-300 bg-white p-4"
            >
              <h2 id={`invoice-${invoice.number}`} className="text-xl font-semibold">
                {fill(t.invoice, { number: invoice.number, month: formatMonth(invoice.month, m.lang) })}
              </h2>
              <table className="w-full border-collapse text-left">
                <caption className="sr-only">{fill(t.caption, { number: invoice.number })}</caption>
                <thead>
                  <tr className="border-b-2 border-slate-600">
                    <th scope="col" className="p-2">
                      {t.columns.what}
                    </th>
                    <th scope="col" className="p-2 text-right">
                      {t.columns.amount}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {invoice.lines.map((l) => (
                    <tr key={l.id} className="border-b border-slate-300">
                      <td className="p-2 break-all">
                        {fill(t.line, {
                          address: l.address,
                          from: formatDate(day(l.fromDate), m.lang),
                          to: formatDate(day(l.toDate), m.lang),
                          days: l.days,
                          daysInMonth: l.daysInMonth,
                        })}
                      </td>
                      <td className="p-2 text-right whitespace-nowrap">{formatOre(l.amountOre, m.lang)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" className="p-2">
                      {t.total}
                    </th>
                    <td className="p-2 text-right font-semibold whitespace-nowrap">{formatOre(invoice.totalOre, m.lang)}</td>
                  </tr>
                </tfoot>
              </table>
              <p className="text-sm">{fill(t.due, { date: formatDate(invoice.dueAt, m.lang) })}</p>
            </section>
          ))
        )}
      </div>
    </PageShell>
  );
}
