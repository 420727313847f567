// The one mailer: nodemailer over SMTP (SMTP_URL, or the local sink by default).
import nodemailer from "nodemailer";

export type OutgoingMessage = { from: string; to: string; subject: string; text: string; html: string };
export type MailTransport = {
  send(message: OutgoingMessage): Promise<void>;
  /** A message exactly as it is (a released quarantined message), to the given recipients. */
  sendRaw(envelope: { from: string; to: string[] }, raw: Buffer): Promise<void>;
  close(): void;
};

export function smtpTransport(url: string): MailTransport {
  // Pooled: a handful of connections reused across messages, rather than one per message.
  const pooled = `${url}${url.includes("?") ? "&" : "?"}pool=true&maxConnections=3`;
  const transporter = nodemailer.createTransport(pooled, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    async send(message) {
      await transporter.sendMail(message);
    },
    async sendRaw(envelope, raw) {
      // nodemailer sends `raw` as it is: no header is added or rewritten.
      await transporter.sendMail({ envelope, raw });
    },
    close: () => transporter.close(),
  };
}
