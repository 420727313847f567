// Help pages in Chromium (issue 8): the attachment checker judges real files in the browser
// (R-ATT-1, R-ATT-2): a copy of this machine's `ls` under a picture's name, a double extension,
// and a harmless text file.
import { readFileSync } from "node:fs";
import { test, expect, expectAccessible } from "./fixtures";

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
  await expect(results.getByRole("listitem").filter({ hasText: "feriebilder.jpg: blir stoppet." })).toContainText("Innholdet er et program for Linux (ELF)");
  await expect(results.getByRole("listitem").filter({ hasText: "Faktura.PDF.exe: blir stoppet." })).toContainText("Filtypen .exe er ikke tillatt.");
  await expect(results.getByText("handleliste.txt: kan sendes.")).toBeVisible();
  await expectAccessible(page);
});
