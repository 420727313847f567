import { PageShell } from "@/components/layout/PageShell";
import { ActionForm } from "@/components/form/ActionForm";
import { Flash } from "@/components/mailboxes/Flash";
import { db } from "@/lib/db";
import { fill } from "@/lib/i18n/format";
import { outcomeIn } from "@/lib/http/outcome";
import { getMessages, titled } from "@/lib/i18n/server";
import { requireCleanmail } from "@/lib/cleanmail/session";
import { listSenderRules } from "@/lib/cleanmail/service";
import { removeSenderRuleAction, senderRuleAction } from "../actions";

export const generateMetadata = titled((m) => m.titles.senders);

// R-CM-3: the allow list and the block list, by address or domain.
export default async function SendersPage({ searchParams }: { searchParams: Promise<{ ok?: string; monster?: string }> }) {
  const { mailboxId } = await requireCleanmail();
  const m = await getMessages();
  const c = m.cleanmail;
  const { ok, monster } = await searchParams;
  const rules = await listSenderRules(db(), mailboxId);
  const flashTemplate = outcomeIn({ ruleSet: c.ruleSet, ruleRemoved: c.ruleRemoved }, ok);
  const flash = flashTemplate && fill(flashTemplate, { pattern: monster ?? "" });
  const list = (kind: "ALLOW" | "BLOCK", heading: string) => {
    const mine = rules.filter((r) => r.kind === kind);
    return (
      <section aria-labelledby={`${kind}-heading`} className="space-y-2">
        <h2 id={`${kind}-heading`} className="text-xl font-semibold">
          {heading}
        </h2>
        {mine.length === 0 ? (
          <p>{c.noRules}</p>
        ) : (
          <ul className="divide-y divide-slate-300 rounded-md border border-slate-300 bg-white">
            {mine.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <span className="break-all">
                  {r.pattern}
                  {kind === "BLOCK" && r.discarded > 0 ? ` (${fill(c.discarded, { count: r.discarded })})` : ""}
                </span>
                <form action={removeSenderRuleAction}>
                  <input type="hidden" name="ruleId" value={r.id} />
                  <button type="submit" className="rounded-md border-2 border-slate-700 px-3 py-1 text-sm font-semibold">
                    {fill(c.remove, { pattern: r.pattern })}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>
    );
  };
  return (
    <PageShell m={m} session="cleanmail" path="/cleanmail/avsendere">
      <div className="max-w-3xl space-y-6">
        <h1 className="text-3xl font-bold">{c.sendersTitle}</h1>
        <p>{c.sendersLead}</p>
        <Flash message={flash} />
        <ActionForm
          id="sender-rule"
          action={senderRuleAction}
          submitLabel={c.add}
          errorSummaryTitle={m.form.errorSummary}
          pendingLabel={m.form.saving}
          fields={[
            { name: "pattern", label: c.pattern, hint: c.patternHint, autoComplete: "off", spellCheck: false },
            {
              name: "kind",
              label: c.list,
              options: [
                { value: "ALLOW", label: c.allowList },
                { value: "BLOCK", label: c.blockList },
              ],
              defaultValue: "ALLOW",
            },
          ]}
        />
        {list("ALLOW", c.allowList)}
        {list("BLOCK", c.blockList)}
      </div>
    </PageShell>
  );
}
