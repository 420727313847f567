// Child of lib/mail/transport.test.ts: sends one message with smtpTransport to an SMTP server with
// TLS (implicit on connect, or STARTTLS) and login, and prints what the server saw. A process of
// its own because the test certificate is trusted through NODE_EXTRA_CA_CERTS, read at start.
import { readFileSync } from "node:fs";
import { SMTPServer } from "smtp-server";
import { smtpTransport } from "@/lib/mail/transport";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/smtp-tls/${name}`, import.meta.url));
const secure = process.argv[2] === "smtps";
const seen: string[] = [];
const server = new SMTPServer({
  secure,
  key: fixture("localhost.key.pem"),
  cert: fixture("localhost.cert.pem"),
  logger: false,
  disableReverseLookup: true,
  onAuth(auth, session, callback) {
    seen.push(`login ${auth.username} ${auth.password} tls=${Boolean(session.secure)}`);
    callback(null, { user: auth.username });
  },
  onData(stream, session, callback) {
    stream.resume();
    stream.on("end", () => {
      seen.push(`message tls=${Boolean(session.secure)}`);
      callback();
    });
  },
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
const port = (server.server.address() as { port: number }).port;
const transport = smtpTransport(`${secure ? "smtps" : "smtp"}://utsender%40altibox.no:p%C3%A5ss%3Aord@localhost:${port}`);
await transport.send({ from: "ikke-svar@altibox.no", to: "kari@altibox.no", subject: "TLS", text: "Hei", html: "" });
transport.close();
server.close();
console.log(JSON.stringify(seen));
