// R-SEC-8, after every other test of the run: no session token, link token or two-factor secret
// is in any audit event, e-mail sent, the admin view's timeline or CSV export, or the server's log.
// The secrets are those this test holds (its own sessions of every kind and a TOTP secret) and
// every report link the run sent (read from the SMTP sink, the mailbox's own copy).
import { readFileSync } from "node:fs";
import { decode } from "next-auth/jwt";
import { test, expect, login, createMailbox, enrolDirectly, agentLogin, mailboxLogin, runJob, until } from "./fixtures";
import { createAgent } from "@/test/factories";
import { E2E } from "./config";

test("no secret is written where people or logs can read it", async ({ browser, customer, db, expectedConsoleErrors }) => {
  expectedConsoleErrors.push(/status of 401/);
  const secrets = new Set<string>();
  const keep = (value: string | undefined) => value && value.length >= 16 && secrets.add(value);
  const sessionCookies = async (context: import("@playwright/test").BrowserContext) => {
    for (const c of await context.cookies()) {
      if (!c.name.startsWith("__Secure-")) continue;
      keep(c.value);
      if (c.name === "__Secure-next-auth.session-token") {
        const token = await decode({ token: c.value, secret: E2E.nextAuthSecret });
        keep(typeof token?.sid === "string" ? token.sid : undefined);
      }
    }
  };

  // Sessions of every kind, each used for something that is audited.
  const box = await createMailbox(db, customer.id);
  const customerContext = await browser.newContext();
  await login(await customerContext.newPage(), customer.customerNumber);
  await sessionCookies(customerContext);
  const mailboxContext = await browser.newContext();
  const mailboxPage = await mailboxContext.newPage();
  await mailboxLogin(mailboxPage, box.address);
  await mailboxPage.getByRole("button", { name: "Åpne Cleanmail" }).click();
  await expect(mailboxPage).toHaveURL(/\/cleanmail$/);
  await sessionCookies(mailboxContext);
  const agent = await createAgent(db);
  const totpSecret = await enrolDirectly(db, { kind: "AGENT", agentId: agent.id, role: "AGENT" });
  keep(totpSecret);
  const agentContext = await browser.newContext();
  const agentPage = await agentContext.newPage();
  await agentLogin(agentPage, agent.email, totpSecret);
  await sessionCookies(agentContext);

  // Every report link the run sent, and one more for this mailbox.
  await quarantineOne(box.address);
  await runJob(db, "cleanmail_reports");
  await runJob(db, "deliver_mail");
  await until(() => db.sinkMessage.findFirst({ where: { to: { has: box.address }, subject: { contains: "karantene" } } }));
  for (const m of await db.sinkMessage.findMany({ select: { text: true } }))
    for (const [, token] of m.text.matchAll(/\/cleanmail\/l\/([A-Za-z0-9_-]{43})/g)) keep(token);
  expect(secrets.size).toBeGreaterThanOrEqual(6);

  // Where people and logs read.
  const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? String(x) : x));
  const places: [string, string][] = [
    ["audit events", json(await db.auditEvent.findMany())],
    [
      "e-mail after sending",
      json(await db.outgoingMail.findMany({ where: { status: "SENT" }, select: { subject: true, text: true, html: true } })),
    ],
    ["the mailbox's timeline", await (await agentPage.goto(`/admin/e-postkontoer/${box.id}`))!.text()],
    ["the audit log's CSV", await (await agentPage.request.get("/admin/logg/eksport")).text()],
    ["the server's and worker's log", readFileSync(E2E.logFile, "utf8")],
  ];
  for (const [where, text] of places) {
    expect(text.length, where).toBeGreaterThan(0);
    const found = [...secrets].filter((s) => text.includes(s));
    expect(found, `secrets in ${where}`).toEqual([]);
  }
  for (const context of [customerContext, mailboxContext, agentContext]) await context.close();
});

/** Hands the spam filter one message for the mailbox, so its report has a link. */
async function quarantineOne(address: string) {
  const raw = ["From: a@spam.example", `To: ${address}`, "Subject: Tilbud", "", "Kjøp nå.", ""].join("\r\n");
  const answer = await fetch(`${E2E.baseUrl}/api/ingest/quarantine`, {
    method: "POST",
    body: raw,
    headers: {
      authorization: `Bearer ${E2E.ingestToken}`,
      "content-type": "message/rfc822",
      "x-recipient": address,
      "x-spam-score": "8",
      "x-spam-reason": "test",
    },
  });
  expect(answer.status).toBe(200);
}
