// The audit view and what agents see (issue 5, R-ADM-2): filters, paging, CSV; and no password
// hash, TOTP secret, recovery code or token on any admin read model.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "otplib/functional";
import { freshDatabase } from "@/test/db";
import { asJson, createAgent, createCustomer, createMailbox, TEST_PASSWORD, TEST_TWO_FACTOR, uniq } from "@/test/factories";
import { fixedClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { auditCsv, auditFilterSchema, auditPage, csvField } from "@/lib/admin/audit";
import { customerDossier, mailboxDossier } from "@/lib/admin/queries";
import { parseSearch, searchAdmin } from "@/lib/admin/search";
import { beginEnrolment, confirmEnrolment } from "@/lib/two-factor/service";
import { POLICY } from "@/lib/policy";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await freshDatabase()));
afterAll(() => close());

const NOW = new Date("2026-11-27T12:00:00Z");
const filter = (f: Record<string, string>) => auditFilterSchema.parse(f);
const mail = { from: "x", brand: "Altibox", mailboxesUrl: "http://localhost/mine-sider" };

describe("audit view", () => {
  it("filters by actor kind, actor, action (exact or prefix), subject and Oslo dates, newest first", async () => {
    const agent = await createAgent(db);
    const subject = uniq("subj");
    await db.auditEvent.createMany({
      data: [
        {
          at: new Date("2026-11-20T10:00:00Z"),
          actorKind: "AGENT",
          actorId: agent.id,
          action: "mailbox.restore",
          subjectType: "MAILBOX",
          subjectId: subject,
        },
        {
          at: new Date("2026-11-21T10:00:00Z"),
          actorKind: "CUSTOMER",
          actorId: "c1",
          action: "mailbox.rename",
          subjectType: "MAILBOX",
          subjectId: subject,
        },
        // 23:30 UTC on the 21st is the 22nd in Oslo.
        {
          at: new Date("2026-11-21T23:30:00Z"),
          actorKind: "SYSTEM",
          actorId: "lifecycle",
          action: "mailbox.lock",
          subjectType: "MAILBOX",
          subjectId: subject,
        },
      ],
    });
    const actions = async (f: Record<string, string>) =>
      (await auditPage(db, filter({ gjelder: subject, ...f }))).rows.map((r) => r.action);
    expect(await actions({})).toEqual(["mailbox.lock", "mailbox.rename", "mailbox.restore"]);
    expect(await actions({ aktortype: "AGENT" })).toEqual(["mailbox.restore"]);
    expect(await actions({ aktor: "c1" })).toEqual(["mailbox.rename"]);
    expect(await actions({ handling: "mailbox." })).toHaveLength(3);
    expect(await actions({ handling: "mailbox.lock" })).toEqual(["mailbox.lock"]);
    expect(await actions({ fra: "2026-11-22", til: "2026-11-22" })).toEqual(["mailbox.lock"]);
    expect(await actions({ til: "2026-11-21" })).toEqual(["mailbox.rename", "mailbox.restore"]);
    expect((await auditPage(db, filter({ gjelder: subject, aktortype: "AGENT" }))).rows[0]?.actorName).toBe(agent.name);
    expect(auditFilterSchema.safeParse({ handling: "x'; DROP TABLE" }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ fra: "27.11.2026" }).success).toBe(false);
  });

  it("pages by id without repeating, and exports the same filter as CSV", async () => {
    const subject = uniq("many");
    const size = POLICY.auditView.pageSize;
    await db.auditEvent.createMany({
      data: Array.from({ length: size + 3 }, (_, i) => ({
        at: NOW,
        actorKind: "SYSTEM" as const,
        actorId: "test",
        action: "test.event",
        subjectType: "MAILBOX",
        subjectId: subject,
        after: { n: i },
      })),
    });
    const first = await auditPage(db, filter({ gjelder: subject }));
    expect(first.rows).toHaveLength(size);
    const second = await auditPage(db, filter({ gjelder: subject, etter: first.nextAfter! }));
    expect(second.rows).toHaveLength(3);
    expect(second.nextAfter).toBeNull();

    let csv = "";
    for await (const line of auditCsv(db, filter({ gjelder: subject }))) csv += line;
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("id,at,actorKind,actorId,actorName,action,subjectType,subjectId,before,after,requestId");
    expect(lines).toHaveLength(size + 4);
    expect(lines[1]).toContain(`,test.event,MAILBOX,${subject},,"{""n"":${size + 2}}",`);
  });

  it("writes CSV fields safely: quotes, line breaks, and no formulas", () => {
    expect(csvField('Hun sa "ja", takk')).toBe('"Hun sa ""ja"", takk"');
    expect(csvField("to\nlinjer")).toBe('"to\nlinjer"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    // Every cell a spreadsheet might split it into, whatever its separator (issue 14, item 13).
    expect(csvField("a;=1+1;b")).toBe("a;'=1+1;b");
    expect(csvField("x|+cmd|y\t-2")).toBe("x|'+cmd|y\t'-2");
    expect(csvField("kari,@mistet")).toBe(`"kari,'@mistet"`);
    expect(csvField("2026-11-27")).toBe("2026-11-27");
    expect(csvField(null)).toBe("");
    expect(csvField(new Date("2026-11-27T12:00:00Z"))).toBe("2026-11-27T12:00:00.000Z");
  });
});

describe("what agents never see", () => {
  it("no password, hash, TOTP secret or recovery code on the search, customer page, mailbox page or CSV", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id);
    const ctx = { db, clock: fixedClock(NOW), actor: { kind: "MAILBOX" as const, mailboxId: box.id }, requestId: uniq() };
    const begun = await beginEnrolment(ctx, TEST_TWO_FACTOR);
    if (!begun.ok) throw new Error(begun.error.code);
    const confirmed = await confirmEnrolment(
      ctx,
      TEST_TWO_FACTOR,
      await generate({ secret: begun.value.secret, epoch: NOW.getTime() / 1000 }),
    );
    if (!confirmed.ok) throw new Error(confirmed.error.code);

    const secrets = [
      TEST_PASSWORD,
      begun.value.secret,
      ...confirmed.value.recoveryCodes,
      (await db.mailbox.findUniqueOrThrow({ where: { id: box.id }, omit: { passwordHash: false } })).passwordHash!,
      (await db.customer.findUniqueOrThrow({ where: { id: customer.id }, omit: { passwordHash: false } })).passwordHash,
      (await db.twoFactor.findFirstOrThrow({ where: { principalId: box.id }, omit: { secret: false } })).secret!,
      ...(await db.recoveryCode.findMany({ where: { principalId: box.id }, omit: { hash: false } })).map((r) => r.hash),
    ];
    const terms = parseSearch(box.address);
    if (terms.kind !== "terms") throw new Error(terms.kind);
    let csv = "";
    for await (const line of auditCsv(db, filter({ gjelder: box.id }))) csv += line;
    const seen = asJson([
      await searchAdmin(db, terms, 1),
      await customerDossier(db, customer.id, NOW),
      await mailboxDossier(db, box.id, NOW, mail),
      csv,
    ]);
    expect(seen).toContain(box.address);
    for (const secret of secrets) expect(seen).not.toContain(secret);
    expect(seen).not.toMatch(/\$argon2id\$|v1:[A-Za-z0-9_-]+:/);
  });
});
