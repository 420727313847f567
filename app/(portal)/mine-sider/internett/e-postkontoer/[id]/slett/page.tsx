import Link from "next/link";
import { notFound } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { ActionForm } from "@/components/form/ActionForm";
import { requireCustomer } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { fill } from "@/lib/i18n/format";
import { getMessages, titled } from "@/lib/i18n/server";
import { findOwnMailbox } from "@/lib/mailboxes/ownership";
import { deleteMailboxAction } from "../../actions";

export const generateMetadata = titled((m) => m.titles.deleteMailbox);

const LIST = "/mine-sider/internett/e-postkontoer";

// R-ACC-3, R-ACC-5: the consequences in full, and the address typed to confirm.
export default async function DeleteMailboxPage({ params }: { params: Promise<{ id: string }> }) {
  const { customerId } = await requireCustomer();
  const { id } = await params;
  const mailbox = await findOwnMailbox(db(), customerId, id);
  if (!mailbox || mailbox.status === "DELETED") notFound();
  const m = await getMessages();
  return (
    <PageShell m={m} session="customer" path={`${LIST}/${mailbox.id}/slett`}>
      <div className="max-w-2xl space-y-6">
        <p>
          <Link href={`${LIST}/${mailbox.id}`}>{m.app.back}</Link>
        </p>
        <h1 className="text-3xl font-bold break-all">{fill(m.delete.title, { address: mailbox.address })}</h1>
        <section aria-labelledby="consequences" className="rounded-md border-2 border-red-800 bg-red-50 p-4">
          <h2 id="consequences" className="text-xl font-semibold">
            {m.delete.consequencesHeading}
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {m.delete.consequences.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </section>
        <ActionForm
          id="delete-mailbox"
          action={deleteMailboxAction}
          hidden={{ mailboxId: mailbox.id }}
          errorSummaryTitle={m.form.errorSummary}
          submitLabel={m.delete.submit}
          pendingLabel={m.delete.submitting}
          variant="danger"
          fields={[
            {
              name: "confirmAddress",
              label: fill(m.delete.confirmLabel, { address: mailbox.address }),
              autoComplete: "off",
              spellCheck: false,
            },
          ]}
        >
          <Link href={`${LIST}/${mailbox.id}`}>{m.delete.cancel}</Link>
        </ActionForm>
      </div>
    </PageShell>
  );
}
