// Broadband has ended: each mailbox that can still be kept, with its deadline and the way to keep
// it (R-PAY-2, R-PAY-3). Presentational.
import Link from "next/link";
import { fill, formatDate, formatOre } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/nb";
import { buttonClass } from "@/components/ui/buttons";

type Offer = { mailboxId: string; address: string; deadline: Date; priceOre: number; closed: boolean; deleteAt: Date | null };

export function PaidPlanOffers({ m, offers, basePath }: { m: Messages; offers: Offer[]; basePath: string }) {
  const [first] = offers;
  if (!first) return null;
  const p = m.paidPlan;
  const price = formatOre(first.priceOre, m.lang);
  return (
    <section aria-labelledby="offers-heading" className="space-y-3 rounded-md border-2 border-amber-700 bg-amber-50 p-4">
      <h2 id="offers-heading" className="text-xl font-semibold">
        {p.heading}
      </h2>
      <p>{fill(p.lead, { price })}</p>
      <ul className="space-y-3">
        {offers.map((o) => (
          <li key={o.mailboxId} className="flex flex-wrap items-center justify-between gap-3 rounded-md bg-white p-3">
            <div>
              <p className="font-semibold break-all">{o.address}</p>
              <p className="text-sm">
                {o.closed && o.deleteAt
                  ? fill(p.closed, { date: formatDate(o.deleteAt, m.lang) })
                  : fill(p.deadline, { date: formatDate(o.deadline, m.lang) })}
              </p>
            </div>
            <Link href={`${basePath}/${o.mailboxId}/behold`} className={buttonClass("primary")}>
              {fill(p.keep, { address: o.address, price: formatOre(o.priceOre, m.lang) })}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
