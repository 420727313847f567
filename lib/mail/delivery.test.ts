// The outbox delivered over real SMTP to the local sink; retries with backoff; gives up in the end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { fixedClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { deliverDueMail, nextAttemptAfter } from "@/lib/mail/delivery";
import { startSmtpSink, type SmtpSink } from "@/lib/mail/sink";
import { smtpTransport } from "@/lib/mail/transport";
import { POLICY } from "@/lib/policy";

let db: Db;
let close: () => Promise<void>;
let sink: SmtpSink;
beforeAll(async () => {
  ({ db, close } = await freshDatabase());
  sink = await startSmtpSink(db);
});
afterAll(async () => {
  await sink.close();
  await close();
});

const FROM = { from: "Altibox <ikke-svar@altibox.no>", brand: "Altibox", mailboxesUrl: "http://localhost:3000/mine-sider/internett/e-postkontoer" };

describe("deliverDueMail", () => {
  it("sends pending mail over SMTP and marks it sent; nothing is sent twice", async () => {
    const clock = fixedClock("2026-11-27T12:00:00Z");
    const mail = await db.outgoingMail.create({
      data: { to: "kari@altibox.no", subject: "Æ, ø og å", text: "Hei Kari\n", html: "<p>Hei Kari</p>", nextAttemptAt: clock.now() },
    });
    const transport = smtpTransport(sink.url);
    expect(await deliverDueMail(db, transport, clock, FROM)).toMatchObject({ sent: 1, failed: 0 });
    expect(await deliverDueMail(db, transport, clock, FROM)).toMatchObject({ leased: 0 });
    transport.close();
    expect(await db.outgoingMail.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({ status: "SENT", attempts: 1 });
    const [received] = await db.sinkMessage.findMany({ where: { subject: "Æ, ø og å" } });
    expect(received).toMatchObject({ to: ["kari@altibox.no"], text: "Hei Kari\n", html: "<p>Hei Kari</p>" });
    expect(received.from).toContain("ikke-svar@altibox.no");
  });

  it("retries a failed delivery later, and gives up after the last wait", async () => {
    const clock = fixedClock("2026-11-27T12:00:00Z");
    const mail = await db.outgoingMail.create({ data: { to: "ola@altibox.no", subject: "Feiler", text: "x", html: "x", nextAttemptAt: clock.now() } });
    const down = smtpTransport("smtp://127.0.0.1:9"); // nothing listens on the discard port
    const waits = POLICY.mailDelivery.retryBackoffMinutes;
    for (let attempt = 1; attempt <= waits.length; attempt++) {
      expect(await deliverDueMail(db, down, clock, FROM)).toMatchObject({ failed: 1 });
      const row = await db.outgoingMail.findUniqueOrThrow({ where: { id: mail.id } });
      expect(row).toMatchObject({ status: "PENDING", attempts: attempt });
      expect(row.nextAttemptAt).toEqual(new Date(clock.now().getTime() + waits[attempt - 1] * 60_000));
      expect(await deliverDueMail(db, down, clock, FROM)).toMatchObject({ leased: 0 }); // not before its time
      clock.set(row.nextAttemptAt);
    }
    expect(await deliverDueMail(db, down, clock, FROM)).toMatchObject({ failed: 1 });
    expect(await db.outgoingMail.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({ status: "FAILED", attempts: waits.length + 1 });
    down.close();
  });

  it("waits longer after each failure", () => {
    const now = new Date("2026-11-27T12:00:00Z");
    expect(nextAttemptAfter(1, now)).toEqual(new Date("2026-11-27T12:01:00Z"));
    expect(nextAttemptAfter(2, now)).toEqual(new Date("2026-11-27T12:05:00Z"));
    expect(nextAttemptAfter(POLICY.mailDelivery.retryBackoffMinutes.length + 1, now)).toBeNull();
  });
});
