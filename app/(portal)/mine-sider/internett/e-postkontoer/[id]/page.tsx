import Link from "next/link";
import { notFound } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { ActionForm } from "@/components/form/ActionForm";
import { StandingBadge } from "@/components/mailboxes/StandingBadge";
import { StandingDetail } from "@/components/mailboxes/StandingDetail";
import { MailClientSettings } from "@/components/mailboxes/MailClientSettings";
import { POLICY } from "@/lib/policy";
import { requireCustomer } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { requestClock } from "@/lib/test-clock";
import { fill, formatDate, monthlyPrice } from "@/lib/i18n/format";
import { newPasswordHint } from "@/lib/forms/own-password";
import { outcomeIn } from "@/lib/http/outcome";
import { getMessages, titled } from "@/lib/i18n/server";
import { countActive, listCustomerMailboxes } from "@/lib/mailboxes/queries";
import { twoFactorStatus } from "@/lib/two-factor/service";
import { Flash } from "@/components/mailboxes/Flash";
import { changeDisplayNameAction, changeMailboxPasswordAction, renameMailboxAction, restoreMailboxAction } from "../actions";
import { switchOffMailboxTwoFactorAction } from "@/app/(portal)/mine-sider/profil/totrinn/actions";
import { cancelTransferAction, requestTransferAction } from "../commerce-actions";
import { openTransfers } from "@/lib/transfers/service";
import { transferConfig } from "@/lib/env";

export const generateMetadata = titled((m) => m.titles.mailbox);

const LIST = "/mine-sider/internett/e-postkontoer";

export default async function MailboxPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ ok?: string }>;
}) {
  const { customerId } = await requireCustomer();
  const { id } = await params;
  const { ok } = await searchParams;
  const m = await getMessages();
  const now = (await requestClock(db())).now();
  const rows = await listCustomerMailboxes(db(), customerId, now);
  const row = rows.find((r) => r.id === id);
  if (!row || row.standing === "deleted") notFound();
  const editable = row.standing === "active" || row.standing === "warned";
  const e = env();
  // The owner's own second factor is asked for too when they have one (lost phone, issue 4 item 8).
  const pendingMove = (await openTransfers(db(), customerId, now)).outgoing.find((t) => t.mailboxId === id);
  const ownerTwoFactor = row.twoFactor && (await twoFactorStatus(db(), { kind: "CUSTOMER", id: customerId })).on;
  const common = { errorSummaryTitle: m.form.errorSummary, pendingLabel: m.form.saving, hidden: { mailboxId: row.id } };

  return (
    <PageShell m={m} session="customer" path={`${LIST}/${row.id}`}>
      <div className="max-w-3xl space-y-8">
        <p>
          <Link href={LIST}>{m.mailbox.backToList}</Link>
        </p>
        <div className="space-y-1">
          <h1 className="text-3xl font-bold break-all">{row.address}</h1>
          <p className="text-slate-700">{row.displayName}</p>
        </div>
        <Flash
          message={
            ok === "twoFactorOff"
              ? row.twoFactor
                ? null
                : fill(m.twoFactor.ownerSwitchedOff, { address: row.address })
              : outcomeIn({ requested: m.transfers.flash.requested, cancelled: m.transfers.flash.cancelled }, ok)
          }
        />

        <section aria-labelledby="status-heading" className="space-y-2 rounded-md border border-slate-300 bg-white p-4">
          <h2 id="status-heading" className="text-xl font-semibold">
            {m.mailbox.statusHeading}
          </h2>
          <p>
            <StandingBadge standing={row.standing} label={m.mailboxes.standing[row.standing]} />
          </p>
          <StandingDetail m={m} row={row} atLimit={countActive(rows).active >= POLICY.mailboxes.maxActivePerCustomer} />
          <p>
            {m.mailbox.twoFactor}: {row.twoFactor ? m.mailboxes.on : m.mailboxes.off}
          </p>
        </section>

        {row.standing === "lockedBroadband" && (
          <p>
            <Link href={`${LIST}/${row.id}/behold`} className="font-semibold">
              {fill(m.paidPlan.keep, { address: row.address, price: monthlyPrice(m.lang) })}
            </Link>
          </p>
        )}

        {row.standing === "locked" && (
          <section aria-labelledby="restore-heading" className="space-y-3 rounded-md border-2 border-orange-800 bg-white p-4">
            <h2 id="restore-heading" className="text-xl font-semibold">
              {m.mailbox.restoreHeading}
            </h2>
            <p>{m.mailbox.restoreLead}</p>
            <ActionForm id="restore" action={restoreMailboxAction} submitLabel={m.mailbox.restore} {...common} />
          </section>
        )}

        {row.twoFactor && (
          <section aria-labelledby="lost-phone-heading" className="space-y-3">
            <h2 id="lost-phone-heading" className="text-xl font-semibold">
              {m.twoFactor.ownerHeading}
            </h2>
            <p>{m.twoFactor.ownerLead}</p>
            <ActionForm
              id="lost-phone"
              action={switchOffMailboxTwoFactorAction}
              submitLabel={m.twoFactor.ownerSwitchOff}
              variant="secondary"
              {...common}
              fields={[
                { name: "currentPassword", label: m.twoFactor.ownPassword, type: "password", autoComplete: "current-password" },
                ...(ownerTwoFactor
                  ? [{ name: "code", label: m.twoFactor.ownCode, hint: m.twoFactor.ownCodeHint, autoComplete: "one-time-code" }]
                  : []),
              ]}
            />
          </section>
        )}

        {editable ? (
          <>
            <section aria-labelledby="display-name-heading" className="space-y-3">
              <h2 id="display-name-heading" className="text-xl font-semibold">
                {m.mailbox.displayNameHeading}
              </h2>
              <ActionForm
                id="display-name"
                action={changeDisplayNameAction}
                submitLabel={m.mailbox.saveDisplayName}
                variant="secondary"
                {...common}
                fields={[
                  {
                    name: "displayName",
                    label: m.mailbox.displayName,
                    hint: m.mailbox.displayNameHint,
                    defaultValue: row.displayName,
                    autoComplete: "name",
                  },
                ]}
              />
            </section>
            <section aria-labelledby="rename-heading" className="space-y-3">
              <h2 id="rename-heading" className="text-xl font-semibold">
                {m.mailbox.renameHeading}
              </h2>
              <p>{m.mailbox.renameLead}</p>
              <ActionForm
                id="rename"
                action={renameMailboxAction}
                submitLabel={m.mailbox.rename}
                variant="secondary"
                {...common}
                fields={[
                  {
                    name: "localPart",
                    label: m.mailbox.newAddress,
                    hint: m.create.localPartHint,
                    suffix: `@${e.MAIL_DOMAIN}`,
                    autoComplete: "off",
                    spellCheck: false,
                  },
                ]}
              />
            </section>
            <section aria-labelledby="password-heading" className="space-y-3">
              <h2 id="password-heading" className="text-xl font-semibold">
                {m.mailbox.passwordHeading}
              </h2>
              <p>{m.mailbox.passwordLead}</p>
              <ActionForm
                id="password"
                action={changeMailboxPasswordAction}
                submitLabel={m.mailbox.changePassword}
                variant="secondary"
                {...common}
                fields={[
                  {
                    name: "password",
                    label: m.mailbox.newPassword,
                    hint: newPasswordHint(m),
                    type: "password",
                    autoComplete: "new-password",
                  },
                  { name: "passwordRepeat", label: m.mailbox.repeatPassword, type: "password", autoComplete: "new-password" },
                ]}
              />
            </section>
            <MailClientSettings m={m} heading={m.mailbox.settingsHeading} imapHost={e.imapHost} smtpHost={e.smtpHost} />
            <section aria-labelledby="cleanmail-heading" className="space-y-2">
              <h2 id="cleanmail-heading" className="text-xl font-semibold">
                {m.cleanmail.nav}
              </h2>
              <p>
                {m.cleanmail.openLead} {m.cleanmail.loginLead}
              </p>
              <p>
                <Link href="/cleanmail/logg-inn">{m.cleanmail.loginTitle}</Link>
              </p>
            </section>
            <section aria-labelledby="move-heading" className="space-y-3">
              <h2 id="move-heading" className="text-xl font-semibold">
                {m.transfers.heading}
              </h2>
              {pendingMove ? (
                <>
                  <p>{fill(m.transfers.pending, { date: formatDate(pendingMove.expiresAt, m.lang) })}</p>
                  <ActionForm
                    id="cancel-move"
                    action={cancelTransferAction}
                    submitLabel={m.transfers.cancel}
                    variant="secondary"
                    {...common}
                    hidden={{ transferId: pendingMove.id, mailboxId: row.id }}
                  />
                </>
              ) : (
                <>
                  <p>{fill(m.transfers.lead, { days: transferConfig().requestDays })}</p>
                  <ActionForm
                    id="move"
                    action={requestTransferAction}
                    submitLabel={m.transfers.request}
                    variant="secondary"
                    {...common}
                    fields={[
                      { name: "customerNumber", label: m.transfers.customerNumber, autoComplete: "off", spellCheck: false },
                      { name: "email", label: m.transfers.email, type: "email", autoComplete: "off" },
                    ]}
                  />
                </>
              )}
            </section>
          </>
        ) : (
          <p>{m.mailbox.notEditable}</p>
        )}

        <section aria-labelledby="delete-heading" className="space-y-2 rounded-md border border-red-800 bg-white p-4">
          <h2 id="delete-heading" className="text-xl font-semibold">
            {m.mailbox.deleteHeading}
          </h2>
          <p>{m.mailbox.deleteLead}</p>
          <p>
            <Link href={`${LIST}/${row.id}/slett`} className="font-semibold text-red-800">
              {m.mailbox.deleteLink}
            </Link>
          </p>
        </section>
      </div>
    </PageShell>
  );
}
