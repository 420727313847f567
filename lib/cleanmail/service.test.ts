// Cleanmail against a real PostgreSQL and real SMTP (issue 7, R-CM-1..5, R-SEC-4): intake with a
// corpus of hostile messages, sender rules, release byte for byte, reports with links, the link
// exchange, the Cleanmail password and its login, and another mailbox's messages untouchable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { createCustomer, createMailbox, uniq } from "@/test/factories";
import { fixedClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { startSmtpSink, type SmtpSink } from "@/lib/mail/sink";
import { smtpTransport, type MailTransport } from "@/lib/mail/transport";
import { receiveQuarantined } from "@/lib/cleanmail/intake";
import {
  deleteMessages,
  exchangeLink,
  inspectLink,
  listQuarantine,
  loginCleanmail,
  releaseMessages,
  revokeLinks,
  sendQuarantineReports,
  setCleanmailPassword,
  setSenderRule,
  expireQuarantine,
} from "@/lib/cleanmail/service";
import { first } from "@/test/lists";

let db: Db;
let close: () => Promise<void>;
let sink: SmtpSink;
let transport: MailTransport;
beforeAll(async () => {
  ({ db, close } = await freshDatabase());
  sink = await startSmtpSink(db);
  transport = smtpTransport(sink.url);
});
afterAll(async () => {
  transport.close();
  await sink.close();
  await close();
});

const NOW = new Date("2026-12-01T10:00:00Z");
const config = { quarantineDays: 30 };
const meta = { ip: "10.0.0.1", userAgent: "t" };

function message(opts: { from?: string; subject?: string; body?: string; headers?: string } = {}): Buffer {
  const lines = [
    `From: ${opts.from ?? "Spammer <spam@spam.example>"}`,
    `To: someone@altibox.no`,
    `Subject: ${opts.subject ?? "Du har vunnet!"}`,
    `Date: Mon, 30 Nov 2026 08:00:00 +0100`,
    `Message-ID: <${uniq()}@spam.example>`,
    ...(opts.headers ? [opts.headers] : []),
    `MIME-Version: 1.0`,
    `Content-Type: text/plain; charset=utf-8`,
    ``,
    opts.body ?? "Klikk her for å hente premien.",
    ``,
  ];
  return Buffer.from(lines.join("\r\n"));
}

async function setUp() {
  const customer = await createCustomer(db);
  const box = await createMailbox(db, customer.id);
  const clock = fixedClock(NOW);
  const ctx = { db, clock, actor: { kind: "MAILBOX" as const, mailboxId: box.id }, requestId: uniq() };
  const take = (raw: Buffer, score = 7.5) =>
    receiveQuarantined(db, clock, transport, { recipient: box.address, raw, score, reason: "Bayes 99 %" }, config);
  return { customer, box, clock, ctx, take };
}

const sinkRawFor = (address: string) => db.sinkMessage.findMany({ where: { to: { has: address } }, orderBy: { id: "asc" } });

describe("intake", () => {
  it("keeps the message byte for byte, shows sender, subject, date and a text preview; refuses unknown and deleted mailboxes", async () => {
    const { box, take } = await setUp();
    const raw = message();
    const result = await take(raw);
    expect(result.outcome).toBe("quarantined");
    const listed = first((await listQuarantine(db, box.id, NOW, { q: "", page: 1 })).messages);
    expect(listed).toMatchObject({
      sender: "spam@spam.example",
      senderName: "Spammer",
      subject: "Du har vunnet!",
      score: 7.5,
      reason: "Bayes 99 %",
      malformed: false,
    });
    expect(listed.sentAt).toEqual(new Date("2026-11-30T07:00:00Z"));
    const stored = await db.quarantinedMessage.findUniqueOrThrow({ where: { id: listed.id }, omit: { raw: false } });
    expect(Buffer.from(stored.raw).equals(raw)).toBe(true);

    expect(
      await receiveQuarantined(db, fixedClock(NOW), transport, { recipient: "finnes.ikke@altibox.no", raw, score: 5, reason: "x" }, config),
    ).toEqual({ outcome: "refused", error: "unknownMailbox" });
    const gone = await createMailbox(db, box.customerId, { status: "DELETED" });
    expect(
      await receiveQuarantined(db, fixedClock(NOW), transport, { recipient: gone.address, raw, score: 5, reason: "x" }, config),
    ).toEqual({ outcome: "refused", error: "unknownMailbox" });
    expect(await take(Buffer.alloc(18 * 1024 * 1024 + 1, 65))).toEqual({ outcome: "refused", error: "tooLarge" });
  });

  it("stores hostile and broken messages safely and previews them harmlessly", async () => {
    const { box, take } = await setUp();
    const corpus = {
      script: Buffer.from(
        [
          "From: a@evil.example",
          "Subject: <script>alert(1)</script>",
          "MIME-Version: 1.0",
          "Content-Type: text/html; charset=utf-8",
          "",
          "<html><body><script>steal()</script><p>Hei <img src=http://evil.example/px.gif> <a href='javascript:x()'>klikk</a></p><form action=http://evil.example><input></form></body></html>",
          "",
        ].join("\r\n"),
      ),
      brokenMime: Buffer.from(
        [
          "From: b@evil.example",
          "Subject: ødelagt",
          "MIME-Version: 1.0",
          'Content-Type: multipart/mixed; boundary="abc"',
          "",
          "--abc",
          "Content-Type: text/plain",
          "",
          "første del uten slutt",
          "--ab",
          "",
        ].join("\r\n"),
      ),
      hugeHeader: message({ headers: `X-Padding: ${"x".repeat(200_000)}` }),
      wrongCharset: Buffer.concat([
        Buffer.from(
          "From: c@evil.example\r\nSubject: =?x-unknown?B?w6bDuMOl?=\r\nContent-Type: text/plain; charset=x-unknown-8bit\r\n\r\n",
        ),
        Buffer.from([0xe6, 0xf8, 0xe5, 0xff, 0xfe]),
        Buffer.from("\r\n"),
      ]),
      attachment: Buffer.from(
        [
          "From: d@evil.example",
          "Subject: Faktura",
          "MIME-Version: 1.0",
          'Content-Type: multipart/mixed; boundary="b1"',
          "",
          "--b1",
          "Content-Type: text/plain",
          "",
          "Se vedlegg.",
          "--b1",
          'Content-Type: application/octet-stream; name="faktura.pdf.exe"',
          "Content-Transfer-Encoding: base64",
          "",
          Buffer.from("MZ\x90\x00 not really a program").toString("base64"),
          "--b1--",
          "",
        ].join("\r\n"),
      ),
      garbage: Buffer.from([0x00, 0x01, 0x02, 0xff, 0x0d, 0x0a, 0x0d, 0x0a]),
      // Binary that a lenient parser reads a "header" out of (issue 13): still not a message.
      binary: Buffer.concat([
        Buffer.from("\x89PNG\r\n\x1a\nIHDR: 0\r\n"),
        Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 37 + 11) % 256)),
      ]),
    };
    for (const [name, raw] of Object.entries(corpus)) expect((await take(raw)).outcome, name).toBe("quarantined");
    const { messages } = await listQuarantine(db, box.id, NOW, { q: "", page: 1 });
    expect(messages).toHaveLength(Object.keys(corpus).length);
    const previews = await db.quarantinedMessage.findMany({
      where: { mailboxId: box.id },
      select: { preview: true, subject: true, malformed: true, sizeBytes: true },
    });
    // The preview is plain text: no markup that could run, load or submit anything, no link
    // targets. (A subject is text too; the page escapes it like any text.)
    const text = JSON.stringify(previews.map((p) => p.preview));
    expect(text).not.toMatch(/<script|<img|<form|javascript:|evil\.example/i);
    expect(text).not.toContain("steal()");
    expect(text).toContain("Hei");
    const malformed = await db.quarantinedMessage.findMany({ where: { mailboxId: box.id, malformed: true }, select: { sizeBytes: true } });
    expect(malformed.map((m) => m.sizeBytes).sort()).toEqual([corpus.garbage.length, corpus.binary.length].sort());
    expect(previews.find((p) => p.sizeBytes > 200_000)).toBeTruthy();
    // The attachment the mail platform would refuse is named (R-ATT), by extension and content.
    expect((await db.quarantinedMessage.findFirstOrThrow({ where: { mailboxId: box.id, subject: "Faktura" } })).refusedAttachments).toEqual(
      ["faktura.pdf.exe"],
    );
  });

  it("delivers allow-listed senders, discards and counts block-listed ones, by address or domain", async () => {
    const { box, ctx, take } = await setUp();
    expect(await setSenderRule(ctx, { pattern: " Venn@Venner.example ", kind: "ALLOW" })).toMatchObject({
      ok: true,
      value: { pattern: "venn@venner.example" },
    });
    expect(await setSenderRule(ctx, { pattern: "spam.example", kind: "BLOCK" })).toMatchObject({ ok: true });
    expect(await setSenderRule(ctx, { pattern: "ikke et domene", kind: "BLOCK" })).toMatchObject({
      ok: false,
      error: { code: "pattern.invalid" },
    });
    const friendly = message({ from: "Venn <venn@venner.example>" });
    expect(await take(friendly)).toEqual({ outcome: "delivered" });
    expect(await take(message({ from: "x@mail.spam.example" }))).toEqual({ outcome: "discarded" });
    expect(await take(message())).toEqual({ outcome: "discarded" });
    expect((await db.senderRule.findFirstOrThrow({ where: { mailboxId: box.id, pattern: "spam.example" } })).discarded).toBe(2);
    expect((await listQuarantine(db, box.id, NOW, { q: "", page: 1 })).messages).toHaveLength(0);
    const delivered = first(await sinkRawFor(box.address));
    expect(delivered.raw).toBe(friendly.toString());
  });
});

describe("release and delete", () => {
  it("releases over SMTP byte for byte, once; another mailbox's ids change nothing", async () => {
    const { box, ctx, take } = await setUp();
    const raw = message({ subject: "Ikke spam likevel", body: "Hilsen tante\r\n.\r\nmed en prikk-linje" });
    const result = await take(raw);
    if (result.outcome !== "quarantined") throw new Error(result.outcome);
    const other = await setUp();
    expect(await releaseMessages(other.ctx, transport, [result.id])).toMatchObject({ ok: true, value: { released: 0 } });
    expect(await deleteMessages(other.ctx, [result.id])).toMatchObject({ ok: true, value: { deleted: 0 } });

    const twice = await Promise.all([releaseMessages(ctx, transport, [result.id]), releaseMessages(ctx, transport, [result.id])]);
    expect(twice.map((r) => (r.ok ? r.value.released : -1)).sort()).toEqual([0, 1]);
    const delivered = await sinkRawFor(box.address);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.raw).toBe(raw.toString());
    expect((await listQuarantine(db, box.id, NOW, { q: "", page: 1 })).messages).toHaveLength(0);

    const second = await take(message({ subject: "Slett meg" }));
    if (second.outcome !== "quarantined") throw new Error(second.outcome);
    expect(await deleteMessages(ctx, [second.id, "ikke-en-id"])).toMatchObject({ ok: true, value: { deleted: 1 } });
    expect((await db.quarantinedMessage.findUniqueOrThrow({ where: { id: second.id }, omit: { raw: false } })).raw.length).toBe(0);
  });

  it("searches sender and subject, pages newest first, and forgets mail after its time", async () => {
    const { box, clock, take } = await setUp();
    await take(message({ subject: "Billige klokker" }));
    await take(message({ subject: "Arv fra Nigeria", from: "prins@arv.example" }));
    expect((await listQuarantine(db, box.id, NOW, { q: "NIGERIA", page: 1 })).messages.map((m) => m.subject)).toEqual(["Arv fra Nigeria"]);
    expect((await listQuarantine(db, box.id, NOW, { q: "prins@", page: 1 })).messages).toHaveLength(1);
    clock.set(new Date(NOW.getTime() + 31 * 86_400_000));
    expect((await listQuarantine(db, box.id, clock.now(), { q: "", page: 1 })).messages).toHaveLength(0);
    expect(await expireQuarantine(db, clock)).toBeGreaterThanOrEqual(2);
  });
});

describe("reports, links and the Cleanmail password", () => {
  it("sends one report per mailbox per run with new mail; its link opens Cleanmail for 15 days, and a newer report does not end it", async () => {
    const { box, clock, take } = await setUp();
    await take(message({ subject: "Første" }));
    await take(message({ subject: "Andre" }));
    const cfg = { brand: "Altibox", portalUrl: "http://localhost:3000" };
    expect(await sendQuarantineReports(db, clock, cfg)).toBeGreaterThanOrEqual(1);
    expect(await sendQuarantineReports(db, clock, cfg)).toBe(0);
    const reports = await db.outgoingMail.findMany({ where: { to: box.address } });
    expect(reports).toHaveLength(1);
    expect(reports[0]!.subject).toBe(`2 e-post i karantene for ${box.address}`);
    const token = /\/cleanmail\/l\/([A-Za-z0-9_-]{43})/.exec(reports[0]!.text!)![1]!;
    expect(await db.cleanmailLink.count({ where: { tokenHash: token } })).toBe(0);

    // Looking at the link changes nothing; exchanging it gives a Cleanmail session, again and again.
    expect(await inspectLink(db, token, clock.now())).toMatchObject({ mailboxId: box.id });
    expect(await db.webSession.count({ where: { principalId: box.id } })).toBe(0);
    expect(await exchangeLink(db, clock, token, meta)).toMatchObject({ ok: true, value: { mailboxId: box.id } });
    expect(await exchangeLink(db, clock, token, meta)).toMatchObject({ ok: true });
    expect((await db.webSession.findMany({ where: { principalId: box.id } })).every((s) => s.kind === "CLEANMAIL")).toBe(true);

    await take(message({ subject: "Tredje" }));
    clock.advance(86_400_000);
    expect(await sendQuarantineReports(db, clock, cfg)).toBeGreaterThanOrEqual(1);
    expect(await inspectLink(db, token, clock.now())).not.toBeNull();
    // Revoked links stop at once.
    const ctx = { db, clock, actor: { kind: "MAILBOX" as const, mailboxId: box.id }, requestId: uniq() };
    const other = await setUp();
    await other.take(message({ subject: "Annen konto" }));
    await sendQuarantineReports(db, clock, cfg);
    const otherReport = first(await db.outgoingMail.findMany({ where: { to: other.box.address } }));
    const otherToken = /\/cleanmail\/l\/([A-Za-z0-9_-]{43})/.exec(otherReport.text!)![1]!;
    expect(await revokeLinks(ctx)).toMatchObject({ ok: true });
    expect(await inspectLink(db, token, clock.now())).toBeNull();
    // Another mailbox's links are its own.
    expect(await inspectLink(db, otherToken, clock.now())).toMatchObject({ mailboxId: other.box.id });
    clock.set(new Date(NOW.getTime() + 15 * 86_400_000 + 1000));
    expect(await exchangeLink(db, clock, token, meta)).toMatchObject({ ok: false, error: { code: "linkInvalid" } });
    expect(await exchangeLink(db, clock, `${token.slice(0, -1)}A`, meta)).toMatchObject({ ok: false, error: { code: "linkInvalid" } });
    expect(await exchangeLink(db, clock, "../../etc", meta)).toMatchObject({ ok: false, error: { code: "linkInvalid" } });
  });

  it("sets a Cleanmail password by R-SEC-4 and logs in with it, throttled", async () => {
    const { box, clock, ctx } = await setUp();
    expect(await setCleanmailPassword(ctx, { password: "fjord2026", passwordRepeat: "fjord2026" })).toMatchObject({
      ok: false,
      error: { code: "password.upper" },
    });
    expect(await setCleanmailPassword(ctx, { password: "Fjord2026", passwordRepeat: "Fjord2027" })).toMatchObject({
      ok: false,
      error: { code: "password.mismatch" },
    });
    expect(await setCleanmailPassword(ctx, { password: "Fjord2026", passwordRepeat: "Fjord2026" })).toMatchObject({ ok: true });
    expect(await loginCleanmail(db, clock, { address: box.address.toUpperCase(), password: "Fjord2026" }, meta)).toMatchObject({
      ok: true,
      value: { mailboxId: box.id },
    });
    for (let i = 0; i < 5; i++)
      expect(await loginCleanmail(db, clock, { address: box.address, password: "Feil2026x" }, { ip: "10.6.6.6" })).toMatchObject({
        ok: false,
        error: { code: "invalid" },
      });
    expect(await loginCleanmail(db, clock, { address: box.address, password: "Fjord2026" }, { ip: "10.6.6.6" })).toMatchObject({
      ok: false,
      error: { code: "throttled" },
    });
    // The mailbox's own password is not the Cleanmail password.
    expect(await loginCleanmail(db, clock, { address: box.address, password: "blåbær-fjellvann-nordlys" }, meta)).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
  });
});
