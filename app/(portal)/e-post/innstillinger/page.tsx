import { PageShell } from "@/components/layout/PageShell";
import { OwnPasswordForm } from "@/components/form/OwnPasswordForm";
import { Flash } from "@/components/mailboxes/Flash";
import { StandingBadge } from "@/components/mailboxes/StandingBadge";
import { StandingDetail } from "@/components/mailboxes/StandingDetail";
import { LastLogin, MailboxStorage } from "@/components/mailboxes/StorageBar";
import { SendingBlocked } from "@/components/mailboxes/SendingBlocked";
import { MailClientSettings } from "@/components/mailboxes/MailClientSettings";
import { requireMailboxUser } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { fill, formatBytes } from "@/lib/i18n/format";
import { getMessages, titled } from "@/lib/i18n/server";
import { mailboxSummary } from "@/lib/mailboxes/queries";
import { notFound } from "next/navigation";
import { POLICY } from "@/lib/policy";
import { requestClock } from "@/lib/test-clock";
import {
  changeOwnMailboxPasswordAction,
  createAppPasswordAction,
  openCleanmailAction,
  requireAppPasswordsAction,
  revokeAppPasswordAction,
} from "./actions";
import { AppPasswords } from "@/components/mailboxes/AppPasswords";
import { listAppPasswords } from "@/lib/mailboxes/app-passwords";
import { disableTwoFactorAction, regenerateCodesAction } from "./totrinn/actions";
import { TwoFactorSettings } from "@/components/two-factor/TwoFactorSettings";
import { twoFactorStatus } from "@/lib/two-factor/service";
import { buttonClass } from "@/components/ui/buttons";

export const generateMetadata = titled((m) => m.titles.mailboxSettings);

// The mailbox user's own page (issue 4): status and limits, password, two-factor login. Only a mailbox session
// gets here; a customer session is sent to the mailbox login.
export default async function MailboxSettingsPage({
  searchParams,
}: {
  searchParams: Promise<{ endret?: string; slettet?: string; krav?: string; apppassord?: string }>;
}) {
  const { mailboxId } = await requireMailboxUser();
  const m = await getMessages();
  const now = (await requestClock(db())).now();
  // The same read model as Mine sider's: the holder sees "sperres snart" when the owner does.
  const [mailbox, twoFactor, appPasswords] = await Promise.all([
    mailboxSummary(db(), mailboxId, now),
    twoFactorStatus(db(), { kind: "MAILBOX", id: mailboxId }),
    listAppPasswords(db(), mailboxId),
  ]);
  if (!mailbox) notFound();
  const standing = mailbox.standing;
  const { endret, slettet, krav, apppassord } = await searchParams;
  const appFlash =
    typeof slettet === "string"
      ? fill(m.appPasswords.revoked, { name: slettet.slice(0, POLICY.appPasswords.nameMaxLength) })
      : krav === "endret"
        ? m.appPasswords.requireChanged
        : apppassord === "ukjent"
          ? m.appPasswords.errors.notFound
          : apppassord === "feil"
            ? m.appPasswords.errors.twoFactorOff
            : null;
  const count = Number.parseInt(endret ?? "", 10);
  const e = env();
  return (
    <PageShell m={m} session="mailbox" path="/e-post/innstillinger">
      <div className="max-w-3xl space-y-8">
        <h1 className="text-3xl font-bold break-all">{fill(m.mailboxArea.title, { address: mailbox.address })}</h1>
        <Flash message={Number.isFinite(count) ? fill(m.mailboxArea.changed, { count }) : null} />
        <section aria-labelledby="account-heading" className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
          <h2 id="account-heading" className="text-xl font-semibold">
            {m.mailboxArea.statusHeading}
          </h2>
          <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
            <div>
              <dt className="text-sm text-slate-700">{m.mailboxArea.status}</dt>
              <dd>
                <StandingBadge standing={standing} label={m.mailboxes.standing[standing]} />
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-700">{m.mailboxArea.lastLogin}</dt>
              <dd>
                <LastLogin m={m} login={mailbox.lastLogin} />
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-700">{m.mailboxArea.storage}</dt>
              <dd>
                <MailboxStorage m={m} usage={mailbox.usage} />
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-700">{m.mailboxArea.maxMessage}</dt>
              <dd>{formatBytes(POLICY.mailboxes.maxMessageBytes, m.lang)}</dd>
            </div>
          </dl>
          <StandingDetail m={m} row={mailbox} />
          <p className="text-sm">{m.mailboxArea.lockWarning}</p>
          <SendingBlocked
            m={m}
            until={mailbox.sendBlockedUntil && mailbox.sendBlockedUntil > now ? mailbox.sendBlockedUntil : null}
            reason={mailbox.sendBlockReason}
          />
        </section>

        <section aria-labelledby="own-password-heading" className="space-y-3">
          <h2 id="own-password-heading" className="text-xl font-semibold">
            {m.mailboxArea.passwordHeading}
          </h2>
          <p>{m.mailboxArea.passwordLead}</p>
          <OwnPasswordForm
            m={m}
            id="mailbox-password"
            action={changeOwnMailboxPasswordAction}
            submitLabel={m.mailbox.changePassword}
            twoFactor={twoFactor.on}
          />
        </section>

        <TwoFactorSettings
          m={m}
          status={twoFactor}
          enrolHref="/e-post/innstillinger/totrinn"
          selfHref="/e-post/innstillinger"
          regenerateAction={regenerateCodesAction}
          disableAction={disableTwoFactorAction}
          offLead={m.twoFactor.offLead}
          onLead={m.twoFactor.onLead}
          passwordLabel={m.mailboxArea.currentPassword}
        />

        <AppPasswords
          m={m}
          list={appPasswords}
          twoFactorOn={twoFactor.on}
          flash={appFlash}
          servers={{ imap: e.imapHost, smtp: e.smtpHost }}
          createAction={createAppPasswordAction}
          revokeAction={revokeAppPasswordAction}
          requireAction={requireAppPasswordsAction}
        />

        <section aria-labelledby="cleanmail-heading" className="space-y-3">
          <h2 id="cleanmail-heading" className="text-xl font-semibold">
            {m.cleanmail.nav}
          </h2>
          <p>{m.cleanmail.openLead}</p>
          <form action={openCleanmailAction}>
            <button type="submit" className={buttonClass("secondary")}>
              {m.cleanmail.open}
            </button>
          </form>
        </section>

        <MailClientSettings
          m={m}
          heading={m.mailboxArea.settingsHeading}
          imapHost={e.imapHost}
          smtpHost={e.smtpHost}
          profileHref="/e-post/innstillinger/profil.mobileconfig"
        />
      </div>
    </PageShell>
  );
}
