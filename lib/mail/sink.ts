// A local SMTP server that keeps what it receives (SinkMessage), for the embedded default and the
// tests: mail really crosses SMTP, and nobody outside gets it. Loopback only.
import { SMTPServer } from "smtp-server";
import { simpleParser, type AddressObject } from "mailparser";
import type { Db } from "@/lib/db";

export type SmtpSink = { port: number; url: string; close: () => Promise<void> };

const addressesOf = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? "")).filter(Boolean);

/** What the sink received lately, newest first (the demo's mail viewer). */
export function recentSinkMessages(db: Db, take = 50) {
  return db.sinkMessage.findMany({ orderBy: { id: "desc" }, take });
}

export async function startSmtpSink(db: Db, port = 0): Promise<SmtpSink> {
  const server = new SMTPServer({
    authOptional: true,
    // No reverse DNS of the (loopback) client: it only adds a lookup per connection.
    disableReverseLookup: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 25 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        try {
          const raw = Buffer.concat(chunks);
          const parsed = await simpleParser(raw);
          const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
          await db.sinkMessage.create({
            data: {
              from: parsed.from?.text ?? session.envelope.mailFrom?.toString() ?? "",
              to: envelopeTo.length ? envelopeTo : addressesOf(parsed.to),
              subject: parsed.subject ?? "",
              text: parsed.text ?? "",
              html: typeof parsed.html === "string" ? parsed.html : "",
              raw: raw.toString("utf8"),
            },
          });
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.server.address() as { port: number }).port;
  return {
    port: actual,
    url: `smtp://127.0.0.1:${actual}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
