// Agents' actions against a real PostgreSQL (issue 5, R-ADM-1, R-ADM-2, R-LC-3, R-ACC-3): each
// needs a reason that lands in the audit event, and a stale page is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "otplib/functional";
import { freshDatabase } from "@/test/db";
import { createAgent, createCustomer, createMailbox, TEST_COMMERCE, TEST_TWO_FACTOR, uniq } from "@/test/factories";
import { fixedClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import {
  liftSendingBlock,
  resendLastNotice,
  restoreAsAgent,
  setBroadbandStatusAsAgent,
  switchOffTwoFactorAsAgent,
  versionOf,
} from "@/lib/admin/service";
import { beginEnrolment, confirmEnrolment, twoFactorStatus } from "@/lib/two-factor/service";
import { first } from "@/test/lists";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await freshDatabase()));
afterAll(() => close());

const NOW = new Date("2026-11-27T12:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
const REASON = "Kunden ringte og ba om det";

async function agentCtx() {
  const agent = await createAgent(db);
  return {
    agent,
    ctx: { db, clock: fixedClock(NOW), actor: { kind: "AGENT" as const, agentId: agent.id, role: "AGENT" as const }, requestId: uniq() },
  };
}
const version = async (mailboxId: string) => versionOf(await db.mailbox.findUniqueOrThrow({ where: { id: mailboxId } }));

describe("restore by an agent", () => {
  it("restores inside the window with the reason in the audit event", async () => {
    const { agent, ctx } = await agentCtx();
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: daysAgo(30) });
    const result = await restoreAsAgent(ctx, { mailboxId: box.id, version: await version(box.id), reason: `  ${REASON} ` });
    expect(result.ok).toBe(true);
    expect(await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).toMatchObject({
      status: "ACTIVE",
      lockedAt: null,
      cycleStartedAt: NOW,
    });
    const [event] = await db.auditEvent.findMany({ where: { subjectId: box.id, action: "mailbox.restore" } });
    expect(event).toMatchObject({ actorKind: "AGENT", actorId: agent.id, after: { status: "ACTIVE", reason: REASON } });
  });

  it("refuses a stale page, a missing reason, a closed window and a deleted mailbox (R-ACC-3)", async () => {
    const { ctx } = await agentCtx();
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: daysAgo(30) });
    const seen = await version(box.id);
    await db.mailbox.update({ where: { id: box.id }, data: { displayName: "Endret i mellomtiden" } });
    expect(await restoreAsAgent(ctx, { mailboxId: box.id, version: seen, reason: REASON })).toMatchObject({
      ok: false,
      error: { code: "stale" },
    });
    expect(await restoreAsAgent(ctx, { mailboxId: box.id, version: await version(box.id), reason: " ok " })).toMatchObject({
      ok: false,
      error: { code: "reason.tooShort", field: "reason" },
    });
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).status).toBe("LOCKED");

    const expired = await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: daysAgo(93) });
    expect(await restoreAsAgent(ctx, { mailboxId: expired.id, version: await version(expired.id), reason: REASON })).toMatchObject({
      ok: false,
      error: { code: "restore.windowClosed" },
    });
    const deleted = await createMailbox(db, customer.id, { status: "DELETED" });
    expect(await restoreAsAgent(ctx, { mailboxId: deleted.id, version: await version(deleted.id), reason: REASON })).toMatchObject({
      ok: false,
      error: { code: "restore.deleted" },
    });
    expect(await restoreAsAgent(ctx, { mailboxId: "not-a-uuid", version: "x", reason: REASON })).toMatchObject({
      ok: false,
      error: { code: "notFound" },
    });
  });

  it("is for agents only", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: daysAgo(30) });
    const asCustomer = { db, clock: fixedClock(NOW), actor: { kind: "CUSTOMER" as const, customerId: customer.id }, requestId: uniq() };
    expect(await restoreAsAgent(asCustomer, { mailboxId: box.id, version: await version(box.id), reason: REASON })).toMatchObject({
      ok: false,
      error: { code: "notAgent" },
    });
  });
});

describe("other agent actions", () => {
  it("resends the last notice to its recipients", async () => {
    const { ctx } = await agentCtx();
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id);
    expect(await resendLastNotice(ctx, { mailboxId: box.id, version: await version(box.id), reason: REASON })).toMatchObject({
      ok: false,
      error: { code: "noNotice" },
    });
    const notice = await db.notice.create({
      data: { mailboxId: box.id, kind: "LOCK_WARNING_14", cycle: NOW, queuedAt: daysAgo(2), deliveredAt: daysAgo(2) },
    });
    await db.outgoingMail.createMany({
      data: [
        { noticeId: notice.id, to: box.address, status: "SENT" },
        { noticeId: notice.id, to: customer.email, status: "SENT" },
      ],
    });
    const result = await resendLastNotice(ctx, { mailboxId: box.id, version: await version(box.id), reason: REASON });
    expect(result).toMatchObject({ ok: true, value: { kind: "LOCK_WARNING_14" } });
    expect(await db.outgoingMail.count({ where: { noticeId: notice.id, status: "PENDING" } })).toBe(2);
    expect(await db.auditEvent.count({ where: { subjectId: box.id, action: "mailbox.notice.resent" } })).toBe(1);
  });

  it("switches 2FA off only once the caller's identity is checked, and tells the mailbox", async () => {
    const { ctx } = await agentCtx();
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id);
    const userCtx = { db, clock: fixedClock(NOW), actor: { kind: "MAILBOX" as const, mailboxId: box.id }, requestId: uniq() };
    const begun = await beginEnrolment(userCtx, TEST_TWO_FACTOR);
    if (!begun.ok) throw new Error(begun.error.code);
    await confirmEnrolment(userCtx, TEST_TWO_FACTOR, await generate({ secret: begun.value.secret, epoch: NOW.getTime() / 1000 }));

    const input = { mailboxId: box.id, version: await version(box.id), reason: REASON };
    expect(await switchOffTwoFactorAsAgent(ctx, "Altibox", { ...input, identityChecked: false })).toMatchObject({
      ok: false,
      error: { code: "identityNotChecked" },
    });
    expect((await twoFactorStatus(db, { kind: "MAILBOX", id: box.id })).on).toBe(true);
    expect(await switchOffTwoFactorAsAgent(ctx, "Altibox", { ...input, identityChecked: true })).toMatchObject({ ok: true });
    expect((await twoFactorStatus(db, { kind: "MAILBOX", id: box.id })).on).toBe(false);
    expect(await db.outgoingMail.count({ where: { to: box.address, text: { contains: "Kundeservice slo av" } } })).toBe(1);
    expect(
      await switchOffTwoFactorAsAgent(ctx, "Altibox", { ...input, version: await version(box.id), identityChecked: true }),
    ).toMatchObject({ ok: false, error: { code: "twoFactorNotOn" } });
  });

  it("lifts a sending block that is in force", async () => {
    const { ctx } = await agentCtx();
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id);
    expect(await liftSendingBlock(ctx, { mailboxId: box.id, version: await version(box.id), reason: REASON })).toMatchObject({
      ok: false,
      error: { code: "notBlocked" },
    });
    await db.mailbox.update({ where: { id: box.id }, data: { sendBlockedUntil: new Date(NOW.getTime() + 30 * 60_000) } });
    expect(await liftSendingBlock(ctx, { mailboxId: box.id, version: await version(box.id), reason: REASON })).toMatchObject({ ok: true });
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).sendBlockedUntil).toBeNull();
  });

  it("changes the broadband status where the partner has not, and says when nothing changes", async () => {
    const { ctx } = await agentCtx();
    const customer = await createCustomer(db);
    const v = () => db.customer.findUniqueOrThrow({ where: { id: customer.id } }).then(versionOf);
    expect(
      await setBroadbandStatusAsAgent(ctx, TEST_COMMERCE, {
        customerId: customer.id,
        version: await v(),
        status: "ACTIVE",
        reason: REASON,
      }),
    ).toMatchObject({ ok: false, error: { code: "unchanged" } });
    const endedOn = new Date("2026-11-20T23:00:00Z");
    expect(
      await setBroadbandStatusAsAgent(ctx, TEST_COMMERCE, {
        customerId: customer.id,
        version: await v(),
        status: "ENDED",
        endedOn: new Date("2026-12-24T23:00:00Z"),
        reason: REASON,
      }),
    ).toMatchObject({ ok: false, error: { code: "date.invalid" } });
    expect(
      await setBroadbandStatusAsAgent(ctx, TEST_COMMERCE, {
        customerId: customer.id,
        version: await v(),
        status: "ENDED",
        endedOn,
        reason: REASON,
      }),
    ).toMatchObject({ ok: true });
    expect(await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).toMatchObject({
      broadbandStatus: "ENDED",
      broadbandEndedAt: endedOn,
    });
    const event = first(await db.auditEvent.findMany({ where: { subjectId: customer.id, action: "customer.broadband" } }));
    expect(event.after).toMatchObject({ broadbandStatus: "ENDED", reason: REASON });
    expect(
      await setBroadbandStatusAsAgent(ctx, TEST_COMMERCE, {
        customerId: customer.id,
        version: "2020-01-01T00:00:00.000Z",
        status: "ACTIVE",
        reason: REASON,
      }),
    ).toMatchObject({ ok: false, error: { code: "stale" } });
  });
});
