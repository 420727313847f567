// Requests to take over someone else's mailbox (R-TR-1): accept or decline each. Presentational;
// the action decides, and says why when it refuses (R-TR-2).
import { ActionForm } from "@/components/form/ActionForm";
import type { ActionState } from "@/lib/forms/action-state";
import { fill, formatDate } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/nb";

type Incoming = { id: string; address: string; from: string; expiresAt: Date };

export function IncomingTransfers({
  m,
  requests,
  action,
}: {
  m: Messages;
  requests: Incoming[];
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
}) {
  if (requests.length === 0) return null;
  const t = m.transfers;
  const common = { action, errorSummaryTitle: m.form.errorSummary, pendingLabel: m.form.saving };
  return (
    <section aria-labelledby="incoming-heading" className="space-y-3 rounded-md border-2 border-brand bg-white p-4">
      <h2 id="incoming-heading" className="text-xl font-semibold">
        {t.incomingHeading}
      </h2>
      <ul className="space-y-4">
        {requests.map((r) => (
          <li key={r.id} className="space-y-2">
            <p className="break-all">{fill(t.incomingItem, { from: r.from, address: r.address, date: formatDate(r.expiresAt, m.lang) })}</p>
            <div className="flex flex-wrap gap-4">
              <ActionForm
                id={`approve-${r.id}`}
                submitLabel={t.approve}
                hidden={{ transferId: r.id, decision: "approve", address: r.address }}
                {...common}
              />
              <ActionForm
                id={`decline-${r.id}`}
                submitLabel={t.decline}
                variant="secondary"
                hidden={{ transferId: r.id, decision: "decline", address: r.address }}
                {...common}
              />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
