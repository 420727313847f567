// E-mail about the paid plan, invoices and moving a mailbox (issue 6), in the customer's language.
// Pure: callers store the result in the outbox.
import { messagesFor } from "@/lib/i18n/catalogues";
import { fill, formatDate, formatLongDateTime, formatMonth, formatOre } from "@/lib/i18n/format";
import type { Template } from "@/lib/i18n/types";
import { renderMail, type ComposedMail } from "@/lib/notices/compose";

type Brand = { brand: string; url: string };

function mail<S extends string, B extends string>(
  locale: string,
  subject: Template<S> | string,
  body: Template<B>,
  values: { readonly [K in Exclude<S | B, keyof Brand>]: string | number },
  brand: Brand,
): ComposedMail {
  const m = messagesFor(locale);
  const all: Record<string, string | number> = { ...values, brand: brand.brand, url: brand.url };
  return renderMail(
    locale,
    fill<string>(subject, all),
    [m.notices.greeting, fill<string>(body, all), fill<string>(m.notices.signature, all)],
    [brand.url],
  );
}

const c = (locale: string) => messagesFor(locale).commerce;

export function composeOffer(locale: string, d: { address: string; deadline: Date; priceOre: number }, brand: Brand) {
  return mail(
    locale,
    c(locale).offerSubject,
    c(locale).offerBody,
    { address: d.address, deadline: formatLongDateTime(d.deadline, locale), price: formatOre(d.priceOre, locale) },
    brand,
  );
}

export function composeOfferToCustomer(locale: string, d: { addresses: string[]; deadline: Date; priceOre: number }, brand: Brand) {
  return mail(
    locale,
    c(locale).offerCustomerSubject,
    c(locale).offerCustomerBody,
    {
      addresses: d.addresses.map((a) => `• ${a}`).join("\n"),
      deadline: formatLongDateTime(d.deadline, locale),
      price: formatOre(d.priceOre, locale),
    },
    brand,
  );
}

/** R-PAY-4: the order confirmation names the e-mail plan and nothing else. */
export function composeOrderConfirmation(locale: string, d: { address: string; priceOre: number; from: Date }, brand: Brand) {
  return mail(
    locale,
    c(locale).orderSubject,
    c(locale).orderBody,
    { address: d.address, price: formatOre(d.priceOre, locale), from: formatDate(d.from, locale) },
    brand,
  );
}

export function composeLockedForBroadband(locale: string, d: { address: string; deleteAt: Date; priceOre: number }, brand: Brand) {
  return mail(
    locale,
    c(locale).lockedBroadbandSubject,
    c(locale).lockedBroadbandBody,
    { address: d.address, date: formatLongDateTime(d.deleteAt, locale), price: formatOre(d.priceOre, locale) },
    brand,
  );
}

export function composeBroadbandBack(locale: string, d: { from: Date }, brand: Brand) {
  return mail(locale, c(locale).broadbandBackSubject, c(locale).broadbandBackBody, { date: formatDate(d.from, locale) }, brand);
}

export type InvoiceForMail = {
  number: number;
  month: string;
  totalOre: number;
  dueAt: Date;
  lines: { address: string; fromDate: string; toDate: string; days: number; daysInMonth: number; amountOre: number }[];
};

const isoDay = (d: string) => new Date(`${d}T12:00:00Z`);

export function composeInvoice(locale: string, invoice: InvoiceForMail, brand: Brand) {
  const t = c(locale);
  const monthName = formatMonth(invoice.month, locale);
  const lines = invoice.lines
    .map((l) =>
      fill(t.invoiceLine, {
        address: l.address,
        from: formatDate(isoDay(l.fromDate), locale),
        to: formatDate(isoDay(l.toDate), locale),
        days: l.days,
        daysInMonth: l.daysInMonth,
        amount: formatOre(l.amountOre, locale),
      }),
    )
    .join("\n");
  return mail(
    locale,
    t.invoiceSubject,
    t.invoiceBody,
    { number: invoice.number, month: monthName, lines, total: formatOre(invoice.totalOre, locale), due: formatDate(invoice.dueAt, locale) },
    brand,
  );
}

export function composeTransferRequest(locale: string, d: { address: string; owner: string; deadline: Date }, brand: Brand) {
  return mail(
    locale,
    c(locale).transferRequestSubject,
    c(locale).transferRequestBody,
    { address: d.address, owner: d.owner, deadline: formatLongDateTime(d.deadline, locale) },
    brand,
  );
}

export function composeTransferDecided(locale: string, d: { address: string; approved: boolean }, brand: Brand) {
  const t = c(locale);
  return d.approved
    ? mail(locale, t.transferApprovedSubject, t.transferApprovedBody, { address: d.address }, brand)
    : mail(locale, t.transferDeclinedSubject, t.transferDeclinedBody, { address: d.address }, brand);
}
