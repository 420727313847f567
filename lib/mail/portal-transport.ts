// The web server's own mailer, for the few things it delivers itself (released quarantine mail):
// one pooled transport per server process, to SMTP_URL (the local sink in the embedded default).
import { env } from "@/lib/env";
import { smtpTransport, type MailTransport } from "@/lib/mail/transport";

const holder = globalThis as unknown as { portalTransport?: MailTransport };

export function portalTransport(): MailTransport {
  const url = env().SMTP_URL;
  if (!url) throw new Error("SMTP_URL er ikke satt: portalen kan ikke levere e-post.");
  holder.portalTransport ??= smtpTransport(url);
  return holder.portalTransport;
}
