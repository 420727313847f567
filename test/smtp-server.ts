// A real SMTP server for tests whose answer the test decides: it accepts (and keeps what it
// received), turns every connection away for now (421, as a server in trouble does), or refuses
// recipients for good (550, "no such user"). Loopback only.
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";

export type Answer = "accept" | "down" | "refuse";
export type Received = { to: string[]; subject: string; text: string; messageId: string; raw: string };

export async function startTestSmtpServer() {
  let answer: Answer = "accept";
  const received: Received[] = [];
  const listeners: ((r: Received) => void)[] = [];
  const error = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });
  const server = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onConnect(_session, callback) {
      callback(answer === "down" ? error(421, "4.3.2 Service not available, try again later") : undefined);
    },
    onRcptTo(address, _session, callback) {
      callback(answer === "refuse" ? error(550, `5.1.1 <${address.address}>: Recipient address rejected: User unknown`) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks);
        const parsed = await simpleParser(raw);
        const r = {
          to: session.envelope.rcptTo.map((x) => x.address),
          subject: parsed.subject ?? "",
          text: parsed.text ?? "",
          messageId: parsed.messageId ?? "",
          raw: raw.toString("utf8"),
        };
        received.push(r);
        for (const l of listeners) l(r);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    set answer(a: Answer) {
      answer = a;
    },
    /** Called with each message as it arrives, before the sender hears it was accepted. */
    onReceived: (l: (r: Received) => void) => listeners.push(l),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
