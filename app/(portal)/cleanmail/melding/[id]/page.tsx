import Link from "next/link";
import { notFound } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { ActionForm } from "@/components/form/ActionForm";
import { Fact } from "@/components/layout/Fact";
import { db } from "@/lib/db";
import { fill, formatBytes, formatDateTime, formatNumber } from "@/lib/i18n/format";
import { getMessages, titled } from "@/lib/i18n/server";
import { requestClock } from "@/lib/test-clock";
import { quarantinedMessage } from "@/lib/cleanmail/service";
import { requireCleanmail } from "@/lib/cleanmail/session";
import { bulkAction, senderRuleAction } from "../../actions";
import { buttonClass } from "@/components/ui/buttons";

export const generateMetadata = titled((m) => m.titles.quarantined);

// One quarantined message. The preview is the plain text parsed at intake, shown as text: no
// HTML is rendered, so nothing in it can run, load or submit (R-CM-3).
export default async function QuarantinedMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const { mailboxId } = await requireCleanmail();
  const { id } = await params;
  const m = await getMessages();
  const c = m.cleanmail;
  const msg = await quarantinedMessage(db(), mailboxId, id, (await requestClock(db())).now());
  if (!msg) notFound();
  const sender = msg.sender;
  const domain = sender?.split("@")[1];
  const ruleForm = (kind: "ALLOW" | "BLOCK", pattern: string, label: string) => (
    <ActionForm
      key={`${kind}${pattern}`}
      id={`rule-${kind}-${pattern}`}
      action={senderRuleAction}
      submitLabel={label}
      variant={kind === "BLOCK" ? "danger" : "secondary"}
      errorSummaryTitle={m.form.errorSummary}
      pendingLabel={m.form.saving}
      hidden={{ pattern, kind, returnTo: "melding" }}
    />
  );
  return (
    <PageShell m={m} session="cleanmail" path={`/cleanmail/melding/${msg.id}`}>
      <div className="max-w-3xl space-y-6">
        <p>
          <Link href="/cleanmail">{c.back}</Link>
        </p>
        <h1 className="text-2xl font-bold break-words">{msg.subject ?? c.noSubject}</h1>
        <dl className="grid gap-x-6 gap-y-3 rounded-md border border-slate-300 bg-white p-4 sm:grid-cols-2">
          <Fact term={c.columns.from}>
            <span className="break-all">{msg.senderName ? `${msg.senderName} <${sender ?? ""}>` : (sender ?? c.unknownSender)}</span>
          </Fact>
          <Fact term={c.columns.date}>{formatDateTime(msg.receivedAt, m.lang)}</Fact>
          <Fact term={c.columns.score}>{formatNumber(msg.score, m.lang)}</Fact>
          <Fact term={c.columns.reason}>{msg.reason}</Fact>
          <Fact term={m.mailboxArea.maxMessage}>{formatBytes(msg.sizeBytes, m.lang)}</Fact>
          {msg.malformed && <Fact term={c.columns.subject}>{c.malformed}</Fact>}
          {msg.refusedAttachments.length > 0 && (
            <Fact term={c.attachmentsTerm}>
              <span className="break-all">{fill(c.refusedAttachments, { names: msg.refusedAttachments.join(", ") })}</span>
            </Fact>
          )}
        </dl>
        <section aria-labelledby="preview-heading" className="space-y-2">
          <h2 id="preview-heading" className="text-lg font-semibold">
            {c.preview}
          </h2>
          {msg.preview ? (
            <pre className="max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-md border border-slate-300 bg-white p-3 text-sm">
              {msg.preview}
            </pre>
          ) : (
            <p>{c.noPreview}</p>
          )}
        </section>
        <form action={bulkAction} className="flex flex-wrap gap-3">
          <input type="hidden" name="id" value={msg.id} />
          <input type="hidden" name="returnTo" value={`/cleanmail/melding/${msg.id}`} />
          <button type="submit" name="do" value="release" className={buttonClass("primary")}>
            {c.releaseOne}
          </button>
          <button
            type="submit"
            name="do"
            value="delete"
            className="rounded-md border-2 border-red-700 px-4 py-2 font-semibold text-red-800"
          >
            {c.deleteOne}
          </button>
        </form>
        {sender && domain && (
          <div className="grid gap-3 sm:grid-cols-2">
            {ruleForm("ALLOW", sender, fill(c.allowSender, { sender }))}
            {ruleForm("BLOCK", sender, fill(c.blockSender, { sender }))}
            {ruleForm("ALLOW", domain, fill(c.allowSender, { sender: domain }))}
            {ruleForm("BLOCK", domain, fill(c.blockSender, { sender: domain }))}
          </div>
        )}
      </div>
    </PageShell>
  );
}
