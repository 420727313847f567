// The bounce explainer (R-BNC-1, R-BNC-2) on a corpus shaped like real bounces: Postfix and
// Exchange delivery reports (RFC 3464), Gmail's, and plain-text notices in French, Spanish and
// Norwegian from servers that do not follow the standard.
import { describe, expect, it } from "vitest";
import { explainBounce } from "@/lib/bounces/explain";

const report = (opts: { from: string; human: string; dsn: string }) =>
  [
    `From: ${opts.from}`,
    "To: kari@altibox.no",
    "Subject: Undelivered Mail Returned to Sender",
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B0UND"',
    "",
    "--B0UND",
    "Content-Type: text/plain; charset=utf-8",
    "",
    opts.human,
    "",
    "--B0UND",
    "Content-Type: message/delivery-status",
    "",
    opts.dsn,
    "",
    "--B0UND",
    "Content-Type: text/rfc822-headers",
    "",
    "From: kari@altibox.no",
    "To: ola@example.com",
    "Subject: Hei",
    "",
    "--B0UND--",
    "",
  ].join("\r\n");

const postfixUserUnknown = report({
  from: "MAIL-DAEMON@altibox.no (Mail Delivery System)",
  human:
    "This is the mail system at host smtp.altibox.no.\r\n\r\nI'm sorry to have to inform you that your message could not\r\nbe delivered to one or more recipients.\r\n\r\n<ola@example.com>: host mx.example.com[192.0.2.7] said: 550 5.1.1\r\n    <ola@example.com>: Recipient address rejected: User unknown in virtual\r\n    mailbox table (in reply to RCPT TO command)",
  dsn: "Reporting-MTA: dns; smtp.altibox.no\r\n\r\nFinal-Recipient: rfc822; ola@example.com\r\nOriginal-Recipient: rfc822;ola@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\nRemote-MTA: dns; mx.example.com\r\nDiagnostic-Code: smtp; 550 5.1.1 <ola@example.com>: Recipient address rejected:\r\n    User unknown in virtual mailbox table",
});

const postfixDomainNotFound = report({
  from: "MAILER-DAEMON@altibox.no (Mail Delivery System)",
  human:
    "<ola@exmaple.com>: Host or domain name not found. Name service error for\r\n    name=exmaple.com type=MX: Host not found, try again",
  dsn: "Reporting-MTA: dns; smtp.altibox.no\r\n\r\nFinal-Recipient: rfc822; ola@exmaple.com\r\nAction: failed\r\nStatus: 5.4.4\r\nDiagnostic-Code: X-Postfix; Host or domain name not found. Name service error\r\n    for name=exmaple.com type=MX: Host not found, try again",
});

const exchangeQuota = report({
  from: "postmaster@contoso.com",
  human:
    "Delivery has failed to these recipients or groups:\r\n\r\nper@contoso.com\r\nThe recipient's mailbox is full and can't accept messages now.",
  dsn: "Reporting-MTA: dns;mail.contoso.com\r\n\r\nFinal-recipient: RFC822; per@contoso.com\r\nAction: failed\r\nStatus: 5.2.2\r\nDiagnostic-code: smtp; 552 5.2.2 Mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException",
});

const gmail = report({
  from: "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
  human:
    "** Address not found **\r\n\r\nYour message wasn't delivered to nobody@gmail.com because the address couldn't be found, or is unable to receive mail.",
  dsn: "Reporting-MTA: dns; googlemail.com\r\n\r\nFinal-Recipient: rfc822; nobody@gmail.com\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; The email account that you tried to reach does not exist. 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser",
});

const plain = (lines: string[]) =>
  ["From: MAILER-DAEMON@mx.example", "Subject: Non remis / No entregado", "Content-Type: text/plain; charset=utf-8", "", ...lines, ""].join(
    "\r\n",
  );

describe("explainBounce", () => {
  it("reads Postfix's report: user unknown in virtual mailbox table means a mistyped address", async () => {
    expect(await explainBounce(postfixUserUnknown)).toMatchObject({
      recipient: "ola@example.com",
      status: "5.1.1",
      cause: "mistypedUser",
      standard: true,
      diagnostic: expect.stringContaining("User unknown in virtual mailbox table"),
    });
  });

  it("reads domain not found as a mistyped address", async () => {
    expect(await explainBounce(postfixDomainNotFound)).toMatchObject({
      recipient: "ola@exmaple.com",
      status: "5.4.4",
      cause: "mistypedDomain",
    });
  });

  it("sends anything else to customer service with the full error (Exchange, mailbox full)", async () => {
    const e = await explainBounce(exchangeQuota);
    expect(e).toMatchObject({ recipient: "per@contoso.com", status: "5.2.2", cause: "other" });
    expect(e.fullError).toContain("QuotaExceededException");
    expect(e.fullError).toContain("per@contoso.com");
  });

  it("reads Gmail's report", async () => {
    expect(await explainBounce(gmail)).toMatchObject({ recipient: "nobody@gmail.com", status: "5.1.1", cause: "mistypedUser" });
  });

  it("reads plain-text notices in French, Spanish and Norwegian", async () => {
    const french = await explainBounce(
      plain(["Votre message n'a pas pu être remis.", "", "<jean@exemple.fr> : 550 5.1.1 Utilisateur inconnu"]),
    );
    expect(french).toMatchObject({ recipient: "jean@exemple.fr", status: "5.1.1", cause: "mistypedUser", standard: false });
    const spanish = await explainBounce(plain(["No se ha podido entregar el mensaje a:", "", "juan@ejemplo.es", "Dominio no encontrado"]));
    expect(spanish).toMatchObject({ recipient: "juan@ejemplo.es", cause: "mistypedDomain" });
    const norwegian = await explainBounce(
      plain(["Meldingen kunne ikke leveres til nils@eksempel.no.", "554 5.7.1 Meldingen ble avvist av mottakerens server."]),
    );
    expect(norwegian).toMatchObject({ recipient: "nils@eksempel.no", status: "5.7.1", cause: "other" });
  });

  it("copes with text that is not a bounce at all", async () => {
    const e = await explainBounce("hei, jeg fikk en rar feilmelding");
    expect(e).toMatchObject({ recipient: null, status: null, cause: "other" });
    expect(e.fullError).toBe("hei, jeg fikk en rar feilmelding");
  });
});
