// Help pages in Chromium (issue 8): the attachment checker judges real files in the browser
// (R-ATT-1, R-ATT-2): a copy of this machine's `ls` under a picture's name, a double extension,
// and a harmless text file.
import { readFileSync } from "node:fs";
import { test, expect, expectAccessible, createMailbox, login, logout, TEST_PASSWORD } from "./fixtures";

test("the attachment checker says which files would be stopped, and why", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Sjekk vedlegg før du sender" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sjekk vedlegg før du sender" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Velg filer").setInputFiles([
    { name: "feriebilder.jpg", mimeType: "image/jpeg", buffer: readFileSync("/bin/ls") },
    { name: "Faktura.PDF.exe", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7\n") },
    { name: "handleliste.txt", mimeType: "text/plain", buffer: Buffer.from("Melk, brød, ost.") },
  ]);
  const results = page.getByRole("list", { name: "Resultatet av sjekken" });
  await expect(results.getByRole("listitem").filter({ hasText: "feriebilder.jpg: blir stoppet." })).toContainText(
    "Innholdet er et program for Linux (ELF)",
  );
  await expect(results.getByRole("listitem").filter({ hasText: "Faktura.PDF.exe: blir stoppet." })).toContainText(
    "Filtypen .exe er ikke tillatt.",
  );
  await expect(results.getByText("handleliste.txt: kan sendes.")).toBeVisible();
  await expectAccessible(page);
});

test("mail clients set themselves up: Thunderbird autoconfig, Outlook Autodiscover, an Apple profile for the mailbox", async ({
  page,
  request,
  customer,
  db,
}) => {
  const thunderbird = await request.get("/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=hvem%40altibox.no");
  expect(thunderbird.headers()["content-type"]).toContain("application/xml");
  const config = await thunderbird.text();
  expect(config).toContain("<hostname>imap.altibox.no</hostname>");
  expect(config).toContain("<username>%EMAILADDRESS%</username>");
  // The same answer for any address: nothing to learn about which mailboxes exist.
  expect(await (await request.get("/mail/config-v1.1.xml?emailaddress=finnes.ikke%40altibox.no")).text()).toBe(config);

  const body = `<?xml version="1.0"?><Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"><Request><EMailAddress>kari@altibox.no</EMailAddress><AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request></Autodiscover>`;
  const outlook = await (
    await request.post("/Autodiscover/Autodiscover.xml", { data: body, headers: { "content-type": "text/xml" } })
  ).text();
  expect(outlook).toContain("<LoginName>kari@altibox.no</LoginName>");
  expect(outlook).toContain("<Port>465</Port>");

  const box = await createMailbox(db, customer.id);
  await page.goto("/e-post/logg-inn");
  await page.getByLabel("E-postadresse").fill(box.address);
  await page.getByLabel("Passord", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Innstillinger for ${box.address}` })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Last ned oppsett for iPhone, iPad og Mac" }).click();
  const profile = await (await download).path().then((p) => readFileSync(p!, "utf8"));
  expect(profile).toContain(`<string>${box.address}</string>`);
  expect(profile).toContain("<string>com.apple.mail.managed</string>");
  // Without the mailbox's session there is no profile.
  const anonymous = await request.get("/e-post/innstillinger/profil.mobileconfig", { maxRedirects: 0 });
  expect(anonymous.status()).toBeGreaterThanOrEqual(300);
  expect(await anonymous.text()).not.toContain("com.apple.mail.managed");
});

test("set-up guides give every program the servers from configuration, and explain IMAP and POP", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Sett opp e-postprogrammet" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sett opp e-postprogrammet" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Innkommende \(IMAP\)/ })).toContainText("imap.altibox.no993SSL/TLS");
  await expect(page.getByRole("heading", { name: "Hvorfor IMAP og ikke POP?" })).toBeVisible();
  await expectAccessible(page);
  for (const name of ["Outlook", "Apple Mail på Mac", "iPhone og iPad", "Thunderbird", "Gmail-appen på Android"]) {
    await page.goto("/hjelp/oppsett");
    await page.getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByRole("row", { name: /Utgående \(SMTP\)/ })).toContainText("smtp.altibox.no465");
    await expectAccessible(page);
  }
});

test("the bounce explainer reads a pasted bounce and says what to do; other errors can be copied for customer service", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/");
  await page.getByRole("link", { name: "Forstå en returmelding" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Forstå en returmelding" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Forklar" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Lim inn returmeldingen" })).toBeVisible();

  const postfix = [
    "From: MAILER-DAEMON@altibox.no (Mail Delivery System)",
    "Subject: Undelivered Mail Returned to Sender",
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    "",
    "--B",
    "Content-Type: text/plain",
    "",
    "<ola@exmaple.com>: Host or domain name not found.",
    "--B",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; smtp.altibox.no",
    "",
    "Final-Recipient: rfc822; ola@exmaple.com",
    "Action: failed",
    "Status: 5.4.4",
    "Diagnostic-Code: X-Postfix; Host or domain name not found",
    "--B--",
  ].join("\n");
  await page.getByLabel("Returmeldingen", { exact: true }).fill(postfix);
  await page.getByRole("button", { name: "Forklar" }).click();
  const result = page.getByRole("region", { name: "Dette står i returmeldingen" });
  await expect(result).toContainText("ola@exmaple.com");
  await expect(result).toContainText("Domenet finnes ikke");
  await expectAccessible(page);

  await page
    .getByLabel("Returmeldingen", { exact: true })
    .fill(
      "From: postmaster@contoso.com\nSubject: Undeliverable\n\nDelivery has failed to per@contoso.com\n552 5.2.2 Mailbox full; QuotaExceededException\n",
    );
  await page.getByRole("button", { name: "Forklar" }).click();
  await expect(result).toContainText("Kontakt kundeservice og oppgi hele feilmeldingen");
  await result.getByRole("button", { name: "Kopier feilmeldingen" }).click();
  await expect(result.getByRole("status")).toHaveText("Kopiert.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("QuotaExceededException");
});

test("a sending block is shown with its end and reason on Mine sider and in the mailbox area (R-SEC-3)", async ({ page, customer, db }) => {
  const box = await createMailbox(db, customer.id);
  await db.mailbox.update({
    where: { id: box.id },
    data: { sendBlockedUntil: new Date(Date.now() + 45 * 60_000), sendBlockReason: "recipients" },
  });
  await login(page, customer.customerNumber);
  await expect(page.getByText("Sending av e-post er sperret til", { exact: false })).toContainText("mer enn 50 ulike mottakere");
  await expectAccessible(page);
  await logout(page);
  await page.goto("/e-post/logg-inn");
  await page.getByLabel("E-postadresse").fill(box.address);
  await page.getByLabel("Passord", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByText("Sending av e-post er sperret til", { exact: false })).toBeVisible();
  await expectAccessible(page);
});
