// The one mailer: nodemailer over SMTP (SMTP_URL, or the local sink by default).
import net from "node:net";
import nodemailer from "nodemailer";

export type OutgoingMessage = { from: string; to: string; subject: string; text: string; html: string; messageId?: string };
export type MailTransport = {
  send(message: OutgoingMessage): Promise<void>;
  /** A message exactly as it is (a released quarantined message), to the given recipients. */
  sendRaw(envelope: { from: string; to: string[] }, raw: Buffer): Promise<void>;
  close(): void;
};

export function smtpTransport(url: string): MailTransport {
  // Pooled: a handful of connections reused across messages, rather than one per message.
  const transporter = nodemailer.createTransport({
    ...serverOf(url),
    pool: true,
    maxConnections: 3,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    getSocket: connectWithoutDelay,
  });
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

/**
 * What an SMTP failure means for the next attempt. Only a 5xx answer to the envelope or the message
 * is a refusal for good; a 4xx, a refused connection, a timeout or a failed login (our relay's
 * credentials, not the recipient) may pass. The message keeps the server's own answer for agents.
 */
export function smtpFailure(error: unknown): { permanent: boolean; message: string } {
  const e = (error ?? {}) as { responseCode?: unknown; code?: unknown; response?: unknown; message?: unknown };
  const code = typeof e.responseCode === "number" ? e.responseCode : 0;
  const permanent = code >= 500 && code < 600 && (e.code === "EENVELOPE" || e.code === "EMESSAGE");
  const text = typeof e.response === "string" && e.response ? e.response : typeof e.message === "string" ? e.message : String(error);
  return { permanent, message: text.slice(0, 500) };
}

/** smtp://user:pass@host:587 or smtps://… (lib/env.ts checks the scheme). */
function serverOf(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : undefined,
    secure: u.protocol === "smtps:",
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
  };
}

type SocketOptions = { host?: string; port?: number | string; secure?: boolean };

/**
 * nodemailer's own connection, with Nagle's algorithm off: it writes a message's header and body
 * separately, and the body waited for the server's delayed ACK, ~40 ms a message (52 → 6 ms a
 * message to the local sink). The socket is handed over while it connects, so nodemailer's own
 * error handling and greeting timeout apply as before, and it adds TLS (smtps:// or STARTTLS).
 */
function connectWithoutDelay(options: SocketOptions, callback: (error: Error | null, socket: { connection: net.Socket }) => void) {
  const socket = net.connect({
    host: options.host ?? "localhost",
    port: Number(options.port) || (options.secure ? 465 : 587),
    noDelay: true,
  });
  callback(null, { connection: socket });
}
