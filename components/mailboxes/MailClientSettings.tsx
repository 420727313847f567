// R-SET-1: what a mail program needs, from configuration and the policy's ports.
import Link from "next/link";
import type { Messages } from "@/lib/i18n/nb";
import { fill } from "@/lib/i18n/format";
import { POLICY } from "@/lib/policy";

export function MailClientSettings({
  m,
  heading,
  imapHost,
  smtpHost,
}: {
  m: Messages;
  heading: string;
  imapHost: string;
  smtpHost: string;
}) {
  return (
    <section aria-labelledby="client-settings-heading" className="space-y-2">
      <h2 id="client-settings-heading" className="text-xl font-semibold">
        {heading}
      </h2>
      <p>{m.mailbox.settingsLead}</p>
      <dl className="grid gap-2 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">{m.mailbox.incoming}</dt>
        <dd>
          {imapHost}, {fill(m.mailbox.port, { port: POLICY.mailClients.imapPort })}
        </dd>
        <dt className="font-semibold">{m.mailbox.outgoing}</dt>
        <dd>
          {smtpHost}, {fill(m.mailbox.port, { port: POLICY.mailClients.smtpPort })}
        </dd>
      </dl>
      <p>
        <Link href="/hjelp/oppsett">{m.guides.title}</Link>
      </p>
    </section>
  );
}
