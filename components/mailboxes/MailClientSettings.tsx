// R-SET-1: what a mail program needs, from configuration and the policy's ports.
import Link from "next/link";
import { Download } from "lucide-react";
import type { Messages } from "@/lib/i18n/nb";
import { fill } from "@/lib/i18n/format";
import { POLICY } from "@/lib/policy";

export function MailClientSettings({
  m,
  heading,
  imapHost,
  smtpHost,
  level = 2,
  profileHref,
}: {
  m: Messages;
  heading: string;
  imapHost: string;
  smtpHost: string;
  /** 3 inside a section of its own page. */
  level?: 2 | 3;
  /** Where this reader downloads the mailbox's Apple profile (the owner's route or the user's own). */
  profileHref: string;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="client-settings-heading" className="space-y-2">
      <Heading id="client-settings-heading" className={level === 2 ? "text-xl font-semibold" : "text-lg font-semibold"}>
        {heading}
      </Heading>
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
        <a href={profileHref} download className="inline-flex items-center gap-1 font-semibold">
          <Download size={18} aria-hidden className="shrink-0" />
          {m.mailboxArea.appleProfile}
        </a>
        <span className="block text-sm text-slate-700">{m.mailboxArea.appleProfileHint}</span>
      </p>
      <p>
        <Link href="/hjelp/oppsett">{m.guides.title}</Link>
      </p>
    </section>
  );
}
