// Demo data for the embedded default (and `npm run db:seed` against any database): customers with
// 0, 3 and 5 mailboxes, one whose broadband has ended, mailboxes in every lifecycle state, agents.
import { recordAudit } from "@/lib/audit/service";
import { fixedClock } from "@/lib/clock";
import type { Db, Tx } from "@/lib/db";
import { addCalendarMonths, addCalendarDays } from "@/lib/lifecycle/calendar";
import { lockDueAt } from "@/lib/lifecycle/rules";
import { hashMailboxPassword, hashPassword } from "@/lib/passwords/hash";
import { POLICY } from "@/lib/policy";

export const DEMO_PASSWORD = "fjordlys-tindekrone-2026";

export const DEMO_LOGINS = [
  { who: "Kunde med 3 kontoer (aktiv, varslet, sperret)", login: "10000001", alt: "kari.nordmann@example.no" },
  { who: "Kunde med 5 aktive kontoer (full), én slettet, én sperret for lenge", login: "10000002", alt: "ola.hansen@example.no" },
  { who: "Kunde uten kontoer", login: "10000003", alt: "per.tom@example.no" },
  { who: "Kunde med avsluttet bredbånd: én konto på 39 kr/mnd, én stengt", login: "10000004", alt: "eva.berg@example.no" },
  { who: "Kunde hvis bredbånd nettopp ble avsluttet: tilbud om å beholde kontoene", login: "10000005", alt: "nils.nybrudd@example.no" },
  { who: "Kundeservice (agent), på /admin/logg-inn; første innlogging slår på totrinn", login: "agent@kundeservice.example", alt: "" },
  { who: "Kundeservice (leder), på /admin/logg-inn", login: "leder@kundeservice.example", alt: "" },
];

export async function isSeeded(db: Db | Tx): Promise<boolean> {
  return (await db.customer.count({ where: { customerNumber: "10000001" } })) > 0;
}

// Long enough for a loaded machine: with Prisma's default of 5 s, a slow start rolled the
// transaction back under the seed, whose next insert then failed (`Address_mailboxId_fkey`).
const SEED_TRANSACTION = { timeout: 300_000, maxWait: 60_000 };

/**
 * Loads the demo data unless it is there; true when this call loaded it. One transaction that
 * first takes an advisory lock, so two starts at once load it once (issue 19).
 */
export async function seedDemo(db: Db, now = new Date()): Promise<boolean> {
  const customerHash = await hashPassword(DEMO_PASSWORD);
  const mailboxHash = await hashMailboxPassword(DEMO_PASSWORD);
  const days = (n: number) => addCalendarDays(now, -n);
  const domain = process.env.MAIL_DOMAIN ?? POLICY.mail.defaultDomain;

  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('demo-seed'))`;
    if (await isSeeded(tx)) return false;
    await tx.agent.createMany({
      data: [
        { name: "Siri Service", email: "agent@kundeservice.example", role: "AGENT", passwordHash: customerHash },
        { name: "Leif Leder", email: "leder@kundeservice.example", role: "SUPERVISOR", passwordHash: customerHash },
      ],
    });

    const customer = (n: string, name: string, email: string, extra: object = {}) =>
      tx.customer.create({
        data: { customerNumber: n, name, email, phone: "+47 400 00 " + n.slice(-3), passwordHash: customerHash, ...extra },
      });

    type Box = {
      local: string;
      name: string;
      status?: "ACTIVE" | "LOCKED" | "DELETED";
      lockReason?: "INACTIVITY" | "BROADBAND_ENDED";
      lockedAt?: Date;
      lastLoginAt?: Date | null;
      cycleStartedAt?: Date;
      usedGb?: number;
      warned?: boolean;
      plan?: "INCLUDED" | "PAID";
      offer?: { status: "PENDING" | "EXPIRED" | "ACCEPTED"; deadline: Date };
    };
    const mailbox = async (customerId: string, b: Box) => {
      const address = `${b.local}@${domain}`;
      const deleted = b.status === "DELETED";
      const created = await tx.mailbox.create({
        data: {
          address,
          customerId,
          displayName: b.name,
          passwordHash: deleted ? null : mailboxHash,
          status: b.status ?? "ACTIVE",
          plan: b.plan ?? "INCLUDED",
          lockReason: b.lockReason ?? null,
          lockedAt: b.lockedAt ?? null,
          deletedAt: deleted ? days(30) : null,
          lastLoginAt: b.lastLoginAt === undefined ? days(3) : b.lastLoginAt,
          cycleStartedAt: b.cycleStartedAt ?? days(400),
          createdAt: days(400),
          addresses: {
            create: { address, issuedAt: days(400), retiredAt: deleted ? days(30) : null, retiredBecause: deleted ? "DELETED" : null },
          },
        },
      });
      // Demo data: storage as if Dovecot had measured it (mail.usage, R-PLAT-4). With
      // `npm run mail-platform` running, Dovecot replaces it with what is really stored.
      if (!deleted) {
        await tx.$executeRaw`INSERT INTO mail.usage (username, bytes, messages) VALUES (${address}, ${Math.round((b.usedGb ?? 0.4) * 1e9)}, 0)
          ON CONFLICT (username) DO UPDATE SET bytes = EXCLUDED.bytes`;
      }
      if (b.offer) {
        // Broadband ended: the paid-plan offer (R-PAY-2), pending or past its deadline.
        await tx.paidPlanOffer.create({
          data: {
            mailboxId: created.id,
            customerId,
            status: b.offer.status,
            deadline: b.offer.deadline,
            createdAt: addCalendarDays(b.offer.deadline, -POLICY.paidPlan.offerDays),
            decidedAt: b.offer.status === "PENDING" ? null : b.offer.deadline,
            priceOre: POLICY.paidPlan.monthlyPriceOre,
          },
        });
        if (b.offer.status === "ACCEPTED")
          await tx.paidPeriod.create({
            data: { mailboxId: created.id, customerId, startsAt: b.offer.deadline, priceOre: POLICY.paidPlan.monthlyPriceOre },
          });
      }
      if (b.warned) {
        // The 14-day warning for the lock this mailbox is heading for (R-LC-2).
        await tx.notice.create({
          data: {
            mailboxId: created.id,
            kind: "LOCK_WARNING_14",
            cycle: lockDueAt(created),
            deadline: lockDueAt(created),
            queuedAt: days(2),
            deliveredAt: days(2),
          },
        });
      }
    };

    const kari = await customer("10000001", "Kari Nordmann", "kari.nordmann@example.no");
    await mailbox(kari.id, { local: "kari.nordmann", name: "Kari Nordmann", usedGb: 3.2 });
    // Last login 6 months minus 12 days ago: warned, locks in 12 days.
    await mailbox(kari.id, {
      local: "familien.nordmann",
      name: "Familien Nordmann",
      lastLoginAt: addCalendarDays(addCalendarMonths(now, -6), 12),
      warned: true,
      usedGb: 11.8,
    });
    await mailbox(kari.id, {
      local: "kari.gammel",
      name: "Kari (gammel)",
      status: "LOCKED",
      lockReason: "INACTIVITY",
      lockedAt: days(20),
      lastLoginAt: addCalendarMonths(days(20), -6),
      usedGb: 0.9,
    });

    const ola = await customer("10000002", "Ola Hansen", "ola.hansen@example.no");
    for (const [i, local] of ["ola", "ola.hansen", "hansen.familie", "ola.jobb", "kontor.hansen"].entries()) {
      await mailbox(ola.id, { local, name: `Ola Hansen ${i + 1}`, usedGb: [14.6, 5, 0.2, 1.1, 0][i] });
    }
    await mailbox(ola.id, { local: "ola.slettet", name: "Slettet konto", status: "DELETED", lastLoginAt: null });
    await mailbox(ola.id, {
      local: "ola.utlopt",
      name: "Sperret for lenge",
      status: "LOCKED",
      lockReason: "INACTIVITY",
      lockedAt: days(POLICY.lifecycle.restoreWindowDays + 3),
      lastLoginAt: days(300),
    });

    await customer("10000003", "Per Tom", "per.tom@example.no");

    // Broadband ended 45 days ago: one mailbox kept on the paid plan, one closed when its offer ran out.
    const eva = await customer("10000004", "Eva Berg", "eva.berg@example.no", { broadbandStatus: "ENDED", broadbandEndedAt: days(45) });
    await tx.broadbandEvent.create({
      data: {
        customerId: eva.id,
        kind: "ENDED",
        effectiveAt: days(45),
        source: "demo",
        externalId: "demo-eva",
        receivedAt: days(45),
        appliedAt: days(45),
      },
    });
    await mailbox(eva.id, {
      local: "eva.berg",
      name: "Eva Berg",
      status: "LOCKED",
      lockReason: "BROADBAND_ENDED",
      lockedAt: days(15),
      offer: { status: "EXPIRED", deadline: days(15) },
    });
    await mailbox(eva.id, { local: "eva.hjemme", name: "Eva hjemme", plan: "PAID", offer: { status: "ACCEPTED", deadline: days(20) } });

    // Broadband ended 3 days ago: both mailboxes have an open offer.
    const nils = await customer("10000005", "Nils Nybrudd", "nils.nybrudd@example.no", {
      broadbandStatus: "ENDED",
      broadbandEndedAt: days(3),
    });
    await tx.broadbandEvent.create({
      data: {
        customerId: nils.id,
        kind: "ENDED",
        effectiveAt: days(3),
        source: "demo",
        externalId: "demo-nils",
        receivedAt: days(3),
        appliedAt: days(3),
      },
    });
    await mailbox(nils.id, {
      local: "nils.nybrudd",
      name: "Nils Nybrudd",
      offer: { status: "PENDING", deadline: addCalendarDays(days(3), POLICY.paidPlan.offerDays) },
    });
    await mailbox(nils.id, {
      local: "nybrudd.hytta",
      name: "Hytta",
      offer: { status: "PENDING", deadline: addCalendarDays(days(3), POLICY.paidPlan.offerDays) },
    });

    await recordAudit(
      tx,
      { clock: fixedClock(now), actor: { kind: "SYSTEM", process: "seed" }, requestId: "seed" },
      { action: "demo.seed", subjectType: "CUSTOMER", subjectId: "demo", after: { customers: 5, agents: 2 } },
    );
    return true;
  }, SEED_TRANSACTION);
}

export function printDemoLogins(url: string): void {
  const rows = DEMO_LOGINS.map((d) => `  ${d.login.padEnd(28)} ${d.who}${d.alt ? ` (eller ${d.alt})` : ""}`).join("\n");
  console.log(`\nMine sider e-post kjører på ${url}\n\nDemo-innlogginger, alle med passordet ${DEMO_PASSWORD}:\n${rows}\n`);
}
