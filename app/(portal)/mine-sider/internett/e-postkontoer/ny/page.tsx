import Link from "next/link";
import { PageShell } from "@/components/layout/PageShell";
import { ActionForm } from "@/components/form/ActionForm";
import { requireCustomer } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { newPasswordHint } from "@/lib/forms/own-password";
import { getMessages, titled } from "@/lib/i18n/server";
import { createMailboxAction } from "../actions";
import { db } from "@/lib/db";
import { requestClock } from "@/lib/test-clock";
import { fill } from "@/lib/i18n/format";
import { customerPageFlags, isActiveStanding, listCustomerMailboxes, newMailboxBlock } from "@/lib/mailboxes/queries";
import { POLICY } from "@/lib/policy";
import { buttonClass } from "@/components/ui/buttons";
import { ArrowRightLeft, Trash2 } from "lucide-react";

export const generateMetadata = titled((m) => m.titles.newMailbox);

const LIST = "/mine-sider/internett/e-postkontoer";

export default async function CreateMailboxPage() {
  const { customerId } = await requireCustomer();
  const m = await getMessages();
  const now = (await requestClock(db())).now();
  const [rows, customer] = await Promise.all([listCustomerMailboxes(db(), customerId, now), customerPageFlags(db(), customerId, now)]);
  // What stands in the way is said first, with the ways out, instead of a form that would be
  // refused only after every field is filled in (R-ACC-2, R-PAY-1; issue 18).
  const blocked = newMailboxBlock(rows, customer.broadbandStatus);
  return (
    <PageShell m={m} session="customer" path={`${LIST}/ny`}>
      <div className="max-w-2xl space-y-6">
        <p>
          <Link href={LIST}>{m.mailbox.backToList}</Link>
        </p>
        <h1 className="text-3xl font-bold">{m.create.title}</h1>
        {blocked === "broadband" && (
          <p className="rounded-md border-2 border-amber-700 bg-amber-50 p-3 font-semibold">{m.errors.broadbandEnded}</p>
        )}
        {blocked === "limit" && (
          <section aria-labelledby="limit-heading" className="space-y-3 rounded-md border-2 border-amber-700 bg-amber-50 p-4">
            <h2 id="limit-heading" className="text-xl font-semibold">
              {fill(m.create.atLimitHeading, { max: POLICY.mailboxes.maxActivePerCustomer })}
            </h2>
            <p>{m.create.atLimitLead}</p>
            <ul className="divide-y divide-slate-300 rounded-md border border-slate-300 bg-white">
              {rows
                .filter((r) => isActiveStanding(r.standing))
                .map((r) => (
                  <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                    <span className="font-semibold break-all">{r.address}</span>
                    <span className="flex gap-2">
                      <Link
                        href={`${LIST}/${r.id}#flytt`}
                        aria-label={fill(m.create.atLimitMoveLabel, { address: r.address })}
                        className={buttonClass("secondary", "sm")}
                      >
                        <ArrowRightLeft size={16} aria-hidden className="shrink-0" />
                        {m.create.atLimitMove}
                      </Link>
                      <Link
                        href={`${LIST}/${r.id}/slett`}
                        aria-label={fill(m.create.atLimitDeleteLabel, { address: r.address })}
                        className={buttonClass("danger", "sm")}
                      >
                        <Trash2 size={16} aria-hidden className="shrink-0" />
                        {m.create.atLimitDelete}
                      </Link>
                    </span>
                  </li>
                ))}
            </ul>
          </section>
        )}
        {blocked === null && <p>{m.create.lead}</p>}
        {blocked === null && (
          <ActionForm
            id="create-mailbox"
            action={createMailboxAction}
            errorSummaryTitle={m.form.errorSummary}
            submitLabel={m.create.submit}
            pendingLabel={m.create.submitting}
            fields={[
              {
                name: "localPart",
                label: m.create.localPart,
                hint: m.create.localPartHint,
                suffix: `@${env().MAIL_DOMAIN}`,
                autoComplete: "off",
                spellCheck: false,
              },
              { name: "displayName", label: m.create.displayName, hint: m.create.displayNameHint, autoComplete: "name" },
              { name: "password", label: m.create.password, hint: newPasswordHint(m), type: "password", autoComplete: "new-password" },
              { name: "passwordRepeat", label: m.create.passwordRepeat, type: "password", autoComplete: "new-password" },
            ]}
          >
            <Link href={LIST}>{m.create.cancel}</Link>
          </ActionForm>
        )}
      </div>
    </PageShell>
  );
}
