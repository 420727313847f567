import { reasonHint } from "@/lib/admin/error-messages";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { Fact } from "@/components/layout/Fact";
import { ActionForm } from "@/components/form/ActionForm";
import { Flash } from "@/components/mailboxes/Flash";
import { StandingBadge } from "@/components/mailboxes/StandingBadge";
import { LastLogin, MailboxStorage } from "@/components/mailboxes/StorageBar";
import { Timeline } from "@/components/admin/Timeline";
import { PlatformBacklog } from "@/components/admin/PlatformBacklog";
import { requireAgent } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { mailConfig } from "@/lib/env";
import { mailboxDossier } from "@/lib/admin/queries";
import { versionOf } from "@/lib/admin/service";
import { isUuid } from "@/lib/ids";
import { fill, formatDate, formatDateTime, monthlyPrice, plural } from "@/lib/i18n/format";
import { outcomeIn } from "@/lib/http/outcome";
import { getMessages, titled } from "@/lib/i18n/server";
import { POLICY } from "@/lib/policy";
import { daysBeforeLock } from "@/lib/lifecycle/machine";
import { requestClock } from "@/lib/test-clock";
import { liftBlockAction, resendNoticeAction, restoreAction, twoFactorOffAction } from "../../actions";

export const generateMetadata = titled((m) => m.titles.adminMailbox);

// The mailbox page (issue 5): status and why, the lifecycle clock, the actions agents may take
// (each with a reason), and the timeline of everything that happened.
export default async function AdminMailboxPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ ok?: string }>;
}) {
  const agent = await requireAgent();
  const { id } = await params;
  const { ok } = await searchParams;
  const m = await getMessages();
  const a = m.admin;
  const now = (await requestClock(db())).now();
  const dossier = isUuid(id) ? await mailboxDossier(db(), id, now, mailConfig()) : null;
  if (!dossier) notFound();
  const { mailbox, row, lastByProtocol, timeline } = dossier;
  const deleted = mailbox.status === "DELETED";
  const blocked = mailbox.sendBlockedUntil && mailbox.sendBlockedUntil > now;
  const date = (d: Date | null) => (d ? formatDate(d, m.lang) : a.none);
  const common = {
    errorSummaryTitle: m.form.errorSummary,
    pendingLabel: m.form.saving,
    variant: "secondary" as const,
    hidden: { id: mailbox.id, version: versionOf(mailbox) },
  };
  const reason = { name: "reason", label: a.reason, hint: reasonHint(m), autoComplete: "off" };

  return (
    <PageShell m={m} session="agent" supervisor={agent.role === "SUPERVISOR"} path={`/admin/e-postkontoer/${mailbox.id}`}>
      <div className="max-w-4xl space-y-8">
        <p>
          <Link href="/admin">{m.app.back}</Link>
        </p>
        <div className="space-y-1">
          <h1 className="text-3xl font-bold break-all">{fill(a.mailboxTitle, { address: mailbox.address })}</h1>
          <p>
            <Link href={`/admin/kunder/${mailbox.customer.id}`}>
              {fill(a.ownerLink, { name: mailbox.customer.name, number: mailbox.customer.customerNumber })}
            </Link>
          </p>
        </div>
        <Flash
          message={outcomeIn(
            { restore: a.done.restore, resend: a.done.resend, twoFactorOff: a.done.twoFactorOff, liftBlock: a.done.liftBlock },
            ok,
          )}
        />

        <section aria-labelledby="status-heading" className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
          <h2 id="status-heading" className="text-xl font-semibold">
            {a.statusHeading}
          </h2>
          <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
            <Fact term={a.status}>
              <StandingBadge standing={row.standing} label={m.mailboxes.standing[row.standing]} />
            </Fact>
            <Fact term={a.why}>{mailbox.lockReason ? a.lockReasons[mailbox.lockReason] : a.none}</Fact>
            <Fact term={a.nextWarning}>{date(row.nextWarningAt)}</Fact>
            <Fact term={a.lockDate}>{date(row.lockDueAt)}</Fact>
            <Fact term={deleted ? a.deletedAt : a.deletionDate}>{date(deleted ? mailbox.deletedAt : row.deletionDueAt)}</Fact>
            <Fact term={a.twoFactor}>{dossier.twoFactor ? m.mailboxes.on : m.mailboxes.off}</Fact>
            <Fact term={m.mailboxes.table.lastLogin}>
              <LastLogin m={m} login={row.lastLogin} />
            </Fact>
            <Fact term={m.mailboxes.table.storage}>
              <MailboxStorage m={m} usage={row.usage} />
            </Fact>
            <Fact term={m.mailboxes.table.plan}>{fill(a.plan[mailbox.plan], { price: monthlyPrice(m.lang) })}</Fact>
            <Fact term={a.sendBlockTerm}>
              {blocked ? fill(a.sendBlocked, { time: formatDateTime(mailbox.sendBlockedUntil!, m.lang) }) : a.notSendBlocked}
            </Fact>
          </dl>
          {dossier.held && (
            <div role="note" aria-labelledby="held-heading" className="space-y-1 rounded-md border-2 border-orange-800 bg-orange-50 p-3">
              <h3 id="held-heading" className="font-semibold">
                {a.lockHeld}
              </h3>
              <p>
                {fill(a.lockHeldText, {
                  days: daysBeforeLock(dossier.held.kind),
                  since: formatDateTime(dossier.held.since, m.lang),
                  attempts: dossier.held.mail?.attempts ?? 0,
                })}
              </p>
              <p className="break-words">
                {dossier.held.mail?.lastError ? fill(a.lockHeldAnswer, { answer: dossier.held.mail.lastError }) : a.lockHeldNoAnswer}
              </p>
              <p>{a.lockHeldAdvice}</p>
            </div>
          )}
          <h3 className="pt-2 font-semibold">{a.platformHeading}</h3>
          <PlatformBacklog m={m} backlog={dossier.platform} />
          <h3 className="pt-2 font-semibold">{a.lastLoginBy}</h3>
          {lastByProtocol.length === 0 ? (
            <p>{a.noLogins}</p>
          ) : (
            <ul className="list-disc pl-5">
              {lastByProtocol.map((l) => (
                <li key={l.protocol}>
                  {l.protocol}: {formatDateTime(l.at, m.lang)}
                </li>
              ))}
            </ul>
          )}
          <h3 className="pt-2 font-semibold">{m.cleanmail.nav}</h3>
          <p>
            {m.cleanmail.quarantineCount}: {dossier.quarantineCount}
          </p>
          <p className="font-semibold">{m.cleanmail.reportsHeading}</p>
          {dossier.cleanmailReports.length === 0 ? (
            <p>{m.cleanmail.noReports}</p>
          ) : (
            <ul className="list-disc pl-5">
              {dossier.cleanmailReports.map((r) => (
                <li key={r.sentAt.toISOString()}>
                  {plural(m.cleanmail.reportLine, m.lang, { date: formatDateTime(r.sentAt, m.lang), count: r.messages })}
                </li>
              ))}
            </ul>
          )}
          <h3 className="pt-2 font-semibold">{a.addressesHeading}</h3>
          <ul className="list-disc pl-5">
            {mailbox.addresses.map((ad) => (
              <li key={ad.address} className="break-all">
                {ad.address} ({fill(a.issued, { date: formatDate(ad.issuedAt, m.lang) })}
                {ad.retiredAt && ad.retiredBecause
                  ? `, ${fill(a.retired[ad.retiredBecause as "RENAMED" | "DELETED"] ?? ad.retiredBecause, { date: formatDate(ad.retiredAt, m.lang) })}`
                  : ""}
                )
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="actions-heading" className="space-y-4">
          <h2 id="actions-heading" className="text-xl font-semibold">
            {a.actionsHeading}
          </h2>
          {deleted ? (
            <p>{a.noActions}</p>
          ) : (
            <>
              <p>{a.actionsLead}</p>
              {mailbox.status === "LOCKED" && (
                <div className="space-y-2 rounded-md border-2 border-orange-800 bg-white p-4">
                  <h3 className="font-semibold">{a.restoreHeading}</h3>
                  <ActionForm id="restore" action={restoreAction} submitLabel={a.restore} {...common} fields={[reason]} />
                </div>
              )}
              <div className="space-y-2 rounded-md border border-slate-300 bg-white p-4">
                <h3 className="font-semibold">{a.resendHeading}</h3>
                <ActionForm id="resend" action={resendNoticeAction} submitLabel={a.resend} {...common} fields={[reason]} />
              </div>
              {dossier.twoFactor && (
                <div className="space-y-2 rounded-md border border-slate-300 bg-white p-4">
                  <h3 className="font-semibold">{a.twoFactorOffHeading}</h3>
                  <p>{a.twoFactorOffLead}</p>
                  <ActionForm
                    id="two-factor-off"
                    action={twoFactorOffAction}
                    submitLabel={a.twoFactorOff}
                    {...common}
                    fields={[{ name: "identityChecked", label: a.identityChecked, type: "checkbox" }, reason]}
                  />
                </div>
              )}
              {blocked && (
                <div className="space-y-2 rounded-md border border-slate-300 bg-white p-4">
                  <h3 className="font-semibold">{a.liftBlockHeading}</h3>
                  <ActionForm id="lift-block" action={liftBlockAction} submitLabel={a.liftBlock} {...common} fields={[reason]} />
                </div>
              )}
            </>
          )}
        </section>

        <section aria-labelledby="timeline-heading" className="space-y-3">
          <h2 id="timeline-heading" className="text-xl font-semibold">
            {a.timelineHeading}
          </h2>
          <p>{fill(a.timelineLead, { count: POLICY.adminActions.timelineEntries })}</p>
          <Timeline entries={timeline} m={m} />
        </section>
      </div>
    </PageShell>
  );
}
