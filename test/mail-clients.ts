// Mail clients for the tests that drive the real servers: IMAP (imapflow), SMTP (nodemailer), and
// a few lines of POP3 (RFC 1939), enough to log in and count messages as a mail program does.
import net from "node:net";
import { ImapFlow } from "imapflow";
import nodemailer from "nodemailer";

export function imapClient(port: number, user: string, pass: string) {
  return new ImapFlow({ host: "127.0.0.1", port, secure: false, doSTARTTLS: false, auth: { user, pass }, logger: false });
}

/** Logs in over IMAP; the server's answer when refused. */
export async function imapLogin(
  port: number,
  user: string,
  pass: string,
): Promise<{ ok: true; messages: number } | { ok: false; response: string }> {
  const client = imapClient(port, user, pass);
  try {
    await client.connect();
  } catch (error) {
    const e = error as { authenticationFailed?: boolean; response?: string; message: string };
    if (!e.authenticationFailed) throw error;
    return { ok: false, response: e.response ?? e.message };
  }
  const status = await client.status("INBOX", { messages: true });
  const messages = (status && status.messages) || 0;
  await client.logout();
  return { ok: true, messages };
}

/** The subjects in INBOX, read over IMAP. */
export async function imapSubjects(port: number, user: string, pass: string): Promise<string[]> {
  const client = imapClient(port, user, pass);
  await client.connect();
  const subjects: string[] = [];
  const lock = await client.getMailboxLock("INBOX");
  try {
    if ((client.mailbox && client.mailbox.exists) || 0) {
      for await (const message of client.fetch("1:*", { envelope: true })) subjects.push(message.envelope?.subject ?? "");
    }
  } finally {
    lock.release();
  }
  await client.logout();
  return subjects;
}

/** Logs in over POP3 with USER/PASS; the number of messages, or the server's answer when refused. */
export async function popLogin(
  port: number,
  user: string,
  pass: string,
): Promise<{ ok: true; messages: number } | { ok: false; response: string }> {
  const socket = net.connect(port, "127.0.0.1");
  socket.setEncoding("utf8");
  let buffer = "";
  const waiting: ((line: string) => void)[] = [];
  socket.on("data", (chunk: string) => {
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf("\r\n")) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      waiting.shift()?.(line);
    }
  });
  const next = () => new Promise<string>((resolve) => waiting.push(resolve));
  const send = (command: string) => {
    const answer = next();
    socket.write(`${command}\r\n`);
    return answer;
  };
  try {
    await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
    const greeting = await next();
    if (!greeting.startsWith("+OK")) throw new Error(`POP3: ${greeting}`);
    await send(`USER ${user}`);
    const pass_ = await send(`PASS ${pass}`);
    if (!pass_.startsWith("+OK")) return { ok: false, response: pass_ };
    const stat = await send("STAT");
    await send("QUIT");
    return { ok: true, messages: Number(stat.split(" ")[1]) };
  } finally {
    socket.destroy();
  }
}

/** An SMTP client on a port of the test's Postfix: port 25's (no login) or submission's (login). */
export function smtpClient(port: number, auth?: { user: string; pass: string }) {
  return nodemailer.createTransport({
    host: "127.0.0.1",
    port,
    secure: false,
    ignoreTLS: true,
    auth,
    connectionTimeout: 10_000,
    socketTimeout: 30_000,
  });
}

/** Polls until check() holds, or fails after the time given with what it saw last. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > until)
      throw new Error(
        `Not reached within ${timeoutMs} ms; last: ${JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? String(v) : v))}`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
}
