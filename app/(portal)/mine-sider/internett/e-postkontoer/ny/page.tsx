import Link from "next/link";
import { PageShell } from "@/components/layout/PageShell";
import { ActionForm } from "@/components/form/ActionForm";
import { requireCustomer } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { newPasswordHint } from "@/lib/forms/own-password";
import { getMessages, titled } from "@/lib/i18n/server";
import { createMailboxAction } from "../actions";

export const generateMetadata = titled((m) => m.titles.newMailbox);

const LIST = "/mine-sider/internett/e-postkontoer";

export default async function CreateMailboxPage() {
  await requireCustomer();
  const m = await getMessages();
  return (
    <PageShell m={m} session="customer" path={`${LIST}/ny`}>
      <div className="max-w-2xl space-y-6">
        <p>
          <Link href={LIST}>{m.mailbox.backToList}</Link>
        </p>
        <h1 className="text-3xl font-bold">{m.create.title}</h1>
        <p>{m.create.lead}</p>
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
      </div>
    </PageShell>
  );
}
