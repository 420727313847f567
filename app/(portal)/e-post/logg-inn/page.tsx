import { redirect } from "next/navigation";
import { PageShell } from "@/components/layout/PageShell";
import { LoginPanel } from "@/components/auth/LoginPanel";
import { currentMailboxUser } from "@/lib/auth/guards";
import { getMessages, titled } from "@/lib/i18n/server";

export const generateMetadata = titled((m) => m.titles.mailboxLogin);

const SETTINGS = "/e-post/innstillinger";

export default async function MailboxLoginPage({ searchParams }: { searchParams: Promise<{ utlogget?: string }> }) {
  if (await currentMailboxUser()) redirect(SETTINGS);
  const m = await getMessages();
  const { utlogget } = await searchParams;
  return (
    <PageShell m={m} session={null} path="/e-post/logg-inn">
      <LoginPanel
        m={m}
        title={m.mailboxArea.loginTitle}
        lead={m.mailboxArea.loginLead}
        loggedOut={!!utlogget}
        provider="mailbox"
        identifierName="address"
        target={SETTINGS}
        identifier={{ label: m.mailboxArea.address, hint: m.mailboxArea.addressHint }}
        invalid={m.mailboxArea.invalid}
        missing={m.login.missing}
      />
    </PageShell>
  );
}
