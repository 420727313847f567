import Link from "next/link";
import { notFound } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { ActionForm } from "@/components/form/ActionForm";
import { MailboxFacts } from "@/components/mailboxes/MailboxFacts";
import { buttonClass } from "@/components/ui/buttons";
import { ArrowLeft, ArrowRightLeft, AtSign, KeyRound, Trash2 } from "lucide-react";
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
import { countActive, isActiveStanding, listCustomerMailboxes } from "@/lib/mailboxes/queries";
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
  const editable = isActiveStanding(row.standing);
  const e = env();
  // The owner's own second factor is asked for too when they have one (lost phone, issue 4 item 8).
  const pendingMove = (await openTransfers(db(), customerId, now)).outgoing.find((t) => t.mailboxId === id);
  const ownerTwoFactor = row.twoFactor && (await twoFactorStatus(db(), { kind: "CUSTOMER", id: customerId })).on;
  const common = { errorSummaryTitle: m.form.errorSummary, pendingLabel: m.form.saving, hidden: { mailboxId: row.id } };

  const atLimit = countActive(rows).active >= POLICY.mailboxes.maxActivePerCustomer;
  const s = m.mailbox.sections;
  // The sections a person can jump to (issue 18): what they can do now, destructive last.
  const sections = [
    ...(editable
      ? [
          { id: "innlogging", label: s.security, Icon: KeyRound },
          { id: "adresse", label: s.identity, Icon: AtSign },
          { id: "flytt", label: s.move, Icon: ArrowRightLeft },
        ]
      : []),
    { id: "slett", label: s.delete, Icon: Trash2 },
  ];

  return (
    <PageShell m={m} session="customer" path={`${LIST}/${row.id}`}>
      <div className="max-w-3xl space-y-8">
        <p>
          <Link href={LIST} className="inline-flex items-center gap-1">
            <ArrowLeft size={18} aria-hidden className="shrink-0" />
            {m.mailbox.backToList}
          </Link>
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

        <section aria-labelledby="summary-heading" className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
          <h2 id="summary-heading" className="text-xl font-semibold">
            {m.mailbox.summaryHeading}
          </h2>
          <MailboxFacts m={m} row={row} atLimit={atLimit} />
        </section>

        {row.standing === "lockedBroadband" && (
          <p>
            <Link href={`${LIST}/${row.id}/behold`} className={buttonClass("primary")}>
              {fill(m.paidPlan.keep, { address: row.address, price: monthlyPrice(m.lang) })}
            </Link>
          </p>
        )}

        {row.standing === "locked" && !atLimit && (
          <section aria-labelledby="restore-heading" className="space-y-3 rounded-md border-2 border-orange-800 bg-white p-4">
            <h2 id="restore-heading" className="text-xl font-semibold">
              {m.mailbox.restoreHeading}
            </h2>
            <p>{m.mailbox.restoreLead}</p>
            <ActionForm id="restore" action={restoreMailboxAction} submitLabel={m.mailbox.restore} {...common} />
          </section>
        )}

        {/* In-page links: they work without JavaScript and by keyboard, like any link. */}
        <nav aria-label={m.mailbox.onThisPage} className="rounded-md border border-slate-300 bg-white p-3">
          <ul className="flex flex-wrap gap-2">
            {sections.map(({ id: anchor, label, Icon }) => (
              <li key={anchor}>
                <a
                  href={`#${anchor}`}
                  className={`inline-flex items-center gap-1 rounded-md px-3 py-1 font-semibold ${anchor === "slett" ? "text-red-800" : ""}`}
                >
                  <Icon size={18} aria-hidden className="shrink-0" />
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>

        {editable ? (
          <>
            <MailboxSection id="innlogging" title={s.security}>
              <Part title={m.mailbox.passwordHeading}>
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
              </Part>
              {row.twoFactor && (
                <Part title={m.twoFactor.ownerHeading}>
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
                </Part>
              )}
              <MailClientSettings
                m={m}
                heading={m.mailbox.settingsHeading}
                imapHost={e.imapHost}
                smtpHost={e.smtpHost}
                level={3}
                profileHref={`${LIST}/${row.id}/profil.mobileconfig`}
              />
              <Part title={m.cleanmail.nav}>
                <p>
                  {m.cleanmail.openLead} {m.cleanmail.loginLead}
                </p>
                <p>
                  <Link href="/cleanmail/logg-inn">{m.cleanmail.loginTitle}</Link>
                </p>
              </Part>
            </MailboxSection>
            <MailboxSection id="adresse" title={s.identity}>
              <Part title={m.mailbox.displayNameHeading}>
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
              </Part>
              <Part title={m.mailbox.renameHeading}>
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
              </Part>
            </MailboxSection>
            <MailboxSection id="flytt" title={m.transfers.heading}>
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
            </MailboxSection>
          </>
        ) : (
          <p>{m.mailbox.notEditable}</p>
        )}

        <MailboxSection id="slett" title={m.mailbox.deleteHeading} danger>
          <p>{m.mailbox.deleteLead}</p>
          <p>
            <Link href={`${LIST}/${row.id}/slett`} className={buttonClass("danger")}>
              <Trash2 size={18} aria-hidden className="shrink-0" />
              {m.mailbox.deleteLink}
            </Link>
          </p>
        </MailboxSection>
      </div>
    </PageShell>
  );
}

/** A task inside a section: its heading, then what to read and the form. */
function Part({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="space-y-3">
      <h3 className="text-lg font-semibold">{title}</h3>
      {children}
    </div>
  );
}

/** One of the page's sections, a target of its in-page links; a destructive one stands apart in red. */
function MailboxSection({
  id,
  title,
  danger = false,
  children,
}: {
  id: string;
  title: string;
  danger?: boolean;
  children: React.ReactNode;
}) {
  return (
    <section
      id={id}
      aria-labelledby={`${id}-heading`}
      tabIndex={-1}
      className={`scroll-mt-4 space-y-6 rounded-md bg-white p-4 ${danger ? "border-2 border-red-800" : "border border-slate-300"}`}
    >
      <h2 id={`${id}-heading`} className={`text-xl font-semibold ${danger ? "text-red-800" : ""}`}>
        {title}
      </h2>
      {children}
    </section>
  );
}
