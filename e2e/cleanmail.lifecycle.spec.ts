// Cleanmail in Chromium (issue 7, R-CM-1..5, R-SEC-4): the spam filter hands over two messages, a
// report arrives in the SMTP sink, its link (after a button, never by the GET alone) opens the
// quarantine; one message is released and arrives unchanged, a sender is block-listed, a password
// is set, and the direct login works; the link is refused once its 15 days are over. Moves the
// shared clock, so it runs with the other clock tests.
import { test, expect, expectAccessible, alertIn, createMailbox, moveClock, runJob, until } from "./fixtures";
import { E2E } from "./config";

test.afterEach(async ({ request }) => {
  await moveClock(request, new Date());
});

const spam = (subject: string, from: string) =>
  [
    `From: ${from}`,
    "To: mottaker@altibox.no",
    `Subject: ${subject}`,
    "Date: Mon, 30 Nov 2026 08:00:00 +0100",
    `Message-ID: <${subject.replace(/\W/g, "")}@e2e.example>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    `Innhold i ${subject}.`,
    "",
  ].join("\r\n");

test("a report's link opens Cleanmail; release, block, password, direct login; the link expires", async ({
  page,
  request,
  customer,
  db,
}) => {
  const box = await createMailbox(db, customer.id);
  const wanted = spam("Invitasjon til dugnad", "Borettslaget <styret@borettslag.example>");
  const unwanted = spam("Billige klokker", "Selger <salg@klokker.example>");
  for (const raw of [wanted, unwanted]) {
    const answer = await request.post("/api/ingest/quarantine", {
      data: raw,
      headers: {
        authorization: `Bearer ${E2E.ingestToken}`,
        "content-type": "message/rfc822",
        "x-recipient": box.address,
        "x-spam-score": "6.2",
        "x-spam-reason": "Bayes",
      },
    });
    expect(await answer.json()).toMatchObject({ outcome: "quarantined" });
  }

  await runJob(db, "cleanmail_reports");
  await runJob(db, "deliver_mail");
  const report = await until(() => db.sinkMessage.findFirst({ where: { to: { has: box.address }, subject: { contains: "karantene" } } }));
  expect(report.subject).toBe(`2 e-post i karantene for ${box.address}`);
  expect(report.text).toContain("Billige klokker");
  const path = /\/cleanmail\/l\/[A-Za-z0-9_-]{43}/.exec(report.text)![0];

  // The link's page only looks; the button opens the session, and the address bar loses the token.
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "Åpne Cleanmail" })).toBeVisible();
  expect(await db.webSession.count({ where: { kind: "CLEANMAIL", principalId: box.id } })).toBe(0);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Åpne Cleanmail" }).click();
  await expect(page).toHaveURL(/\/cleanmail$/);
  await expect(page.getByRole("heading", { level: 1, name: `Cleanmail for ${box.address}` })).toBeVisible();
  await expectAccessible(page);

  // Nothing ticked: said so. Then release the wanted one: it arrives exactly as it came.
  await page.getByRole("button", { name: "Slipp gjennom valgte" }).click();
  await expect(alertIn(page)).toHaveText("Velg minst én e-post først.");
  await page.getByLabel("Velg Invitasjon til dugnad").check();
  await page.getByRole("button", { name: "Slipp gjennom valgte" }).click();
  await expect(page.getByRole("status")).toHaveText("1 e-post er sluppet gjennom til innboksen.");
  const released = await until(() => db.sinkMessage.findFirst({ where: { to: { has: box.address }, subject: "Invitasjon til dugnad" } }));
  expect(released.raw).toBe(wanted);
  await expect(page.getByRole("link", { name: "Invitasjon til dugnad" })).toHaveCount(0);

  // Block the other sender, from the message's page.
  await page.getByRole("link", { name: "Billige klokker" }).click();
  await expect(page.getByText("Innhold i Billige klokker.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Stopp alltid e-post fra salg@klokker.example" }).click();
  await page.getByRole("link", { name: "Avsendere" }).click();
  await expect(page.getByRole("region", { name: "Svarteliste" })).toContainText("salg@klokker.example");
  await expectAccessible(page);

  // A Cleanmail password, rule by rule (R-SEC-4).
  await page.getByRole("link", { name: "Passord for Cleanmail" }).click();
  await page.getByLabel("Nytt passord").fill("fjord");
  await expect(page.getByText("minst 8 tegn (mangler)")).toBeAttached();
  await page.getByLabel("Gjenta passordet").fill("fjord");
  await page.getByRole("button", { name: "Sett passord" }).click();
  await expect(alertIn(page)).toContainText("Passordet må ha minst 8 tegn.");
  await page.getByLabel("Nytt passord").fill("Dugnad2026");
  await expect(page.getByText("et siffer (oppfylt)")).toBeAttached();
  await page.getByLabel("Gjenta passordet").fill("Dugnad2026");
  await page.getByRole("button", { name: "Sett passord" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Passordet er satt.");
  await expectAccessible(page);

  // Log out, and in directly.
  await page.getByRole("button", { name: "Logg ut" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Du er logget ut.");
  await expectAccessible(page);
  await page.getByLabel("E-postadresse").fill(box.address);
  await page.getByLabel("Passord", { exact: true }).fill("Dugnad2026");
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Cleanmail for ${box.address}` })).toBeVisible();

  // Sixteen days on, the report's link is refused with the way to a new one (R-CM-5).
  await moveClock(request, new Date(Date.now() + 16 * 86_400_000));
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "Lenken virker ikke" })).toBeVisible();
  await expect(page.getByText("Vent på neste rapport", { exact: false })).toBeVisible();
  await expectAccessible(page);
});
