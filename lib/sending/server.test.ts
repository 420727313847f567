// The policy server over real TCP against a real PostgreSQL (R-SEC-2, R-SEC-3): anonymous and
// foreign senders refused; 50 distinct recipients and 200 messages in 60 minutes; past either,
// refused and blocked for 60 minutes, the block stored on the mailbox; two servers agree.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { createCustomer, createMailbox } from "@/test/factories";
import type { Db } from "@/lib/db";
import pg from "pg";
import { startPolicyServer, type PolicyServer } from "@/lib/sending/server";
import { policyDecider, type PolicyPool } from "@/lib/sending/service";

let db: Db;
let close: () => Promise<void>;
let servers: PolicyServer[] = [];
let pools: pg.Pool[] = [];
let now = new Date("2026-12-01T12:00:00Z");
beforeAll(async () => {
  let url: string;
  ({ db, url, close } = await freshDatabase());
  // Two servers with pools of their own, as two policy-server processes would have.
  pools = [0, 1].map(() => new pg.Pool({ connectionString: url, max: 2, options: "-c TimeZone=UTC" }));
  servers = await Promise.all(pools.map((pool) => startPolicyServer(pool, { port: 0, host: "127.0.0.1", now: () => now })));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await Promise.all(pools.map((p) => p.end()));
  await close();
});

/** A Postfix-like client: one connection, requests one after another, answers read back. */
async function client(server: PolicyServer) {
  const port = server.address().port;
  const socket = net.connect(port, "127.0.0.1");
  await new Promise((r) => socket.once("connect", r));
  let buffer = "";
  const waiting: ((line: string) => void)[] = [];
  socket.setEncoding("utf8");
  socket.on("data", (d: string) => {
    buffer += d;
    for (let i = buffer.indexOf("\n\n"); i >= 0; i = buffer.indexOf("\n\n")) {
      const answer = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      waiting.shift()?.(answer);
    }
  });
  const ask = (attrs: Record<string, string>) =>
    new Promise<string>((resolve) => {
      waiting.push(resolve);
      socket.write(
        Object.entries({ request: "smtpd_access_policy", ...attrs })
          .map(([k, v]) => `${k}=${v}`)
          .join("\n") + "\n\n",
      );
    });
  return { ask, close: () => socket.end() };
}

describe("the policy server", () => {
  it("refuses unauthenticated senders and senders that are not active mailboxes here (R-SEC-2)", async () => {
    const c = await client(servers[0]!);
    const customer = await createCustomer(db);
    const locked = await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: now });
    expect(await c.ask({ protocol_state: "RCPT", recipient: "x@example.com", sasl_username: "" })).toBe(
      "action=REJECT 5.7.0 Authentication required",
    );
    expect(await c.ask({ protocol_state: "RCPT", recipient: "x@example.com", sasl_username: "noen@gmail.com" })).toMatch(
      /^action=REJECT 5\.7\.1/,
    );
    expect(await c.ask({ protocol_state: "RCPT", recipient: "x@example.com", sasl_username: locked.address })).toMatch(
      /^action=REJECT 5\.7\.1/,
    );
    c.close();
  });

  it("refuses a MAIL FROM the login does not own, naming the address (R-PLAT-5; defence beside Postfix's own check)", async () => {
    const c = await client(servers[0]!);
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id);
    const other = await createMailbox(db, customer.id);
    const ask = (sender: string) => c.ask({ protocol_state: "RCPT", recipient: "x@example.com", sasl_username: box.address, sender });
    expect(await ask(other.address)).toBe(`action=REJECT 5.7.1 <${other.address}>: Sender address not owned by user ${box.address}`);
    expect(await ask(box.address.toUpperCase())).toBe("action=DUNNO");
    // An empty sender (a bounce or a read receipt) is the login's own.
    expect(await ask("")).toBe("action=DUNNO");
    c.close();
  });

  it("allows 50 distinct recipients in the hour, blocks at the 51st for 60 minutes, and two servers count together (R-SEC-3)", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id);
    const [a, b] = await Promise.all([client(servers[0]!), client(servers[1]!)]);
    for (let i = 0; i < 50; i++) {
      // The same recipient twice counts once; the two servers share the count.
      expect(
        await (i % 2 ? a : b).ask({
          protocol_state: "RCPT",
          sasl_username: box.address.toUpperCase(),
          recipient: `mottaker${i}@example.com`,
        }),
      ).toBe("action=DUNNO");
      if (i === 10)
        expect(await a.ask({ protocol_state: "RCPT", sasl_username: box.address, recipient: "mottaker10@example.com" })).toBe(
          "action=DUNNO",
        );
    }
    expect(await a.ask({ protocol_state: "RCPT", sasl_username: box.address, recipient: "nummer51@example.com" })).toMatch(
      /^action=DEFER 4\.7\.1 Too many recipients/,
    );
    expect(await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).toMatchObject({
      sendBlockedUntil: new Date("2026-12-01T13:00:00Z"),
      sendBlockReason: "recipients",
    });
    // The message whose 51st recipient set the block still goes to its first 50 (per recipient,
    // not per message); every later recipient waits for the block to end.
    expect(await b.ask({ protocol_state: "END-OF-MESSAGE", sasl_username: box.address, recipient_count: "50" })).toBe("action=DUNNO");
    expect(await b.ask({ protocol_state: "RCPT", sasl_username: box.address, recipient: "mottaker1@example.com" })).toMatch(
      /^action=DEFER 4\.7\.1 Sending blocked until/,
    );
    // An hour later the block is over, and the old recipients are outside the window.
    now = new Date("2026-12-01T13:00:01Z");
    expect(await a.ask({ protocol_state: "RCPT", sasl_username: box.address, recipient: "ny@example.com" })).toBe("action=DUNNO");
    a.close();
    b.close();
  });

  it("allows 200 messages in the hour and blocks at the 201st", async () => {
    now = new Date("2026-12-02T08:00:00Z");
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id);
    const c = await client(servers[1]!);
    const answers = [];
    for (let i = 0; i < 201; i++)
      answers.push(await c.ask({ protocol_state: "END-OF-MESSAGE", sasl_username: box.address, recipient_count: "1" }));
    expect(answers.slice(0, 200).every((x) => x === "action=DUNNO")).toBe(true);
    expect(answers[200]).toMatch(/^action=DEFER 4\.7\.1 Too many messages/);
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).sendBlockReason).toBe("messages");
    c.close();
  });

  it("counts requests that arrive together exactly as if they came one after another, across servers (R-SEC-3)", async () => {
    now = new Date("2026-12-03T08:00:00Z");
    const customer = await createCustomer(db);
    const [box, other] = [await createMailbox(db, customer.id), await createMailbox(db, customer.id)];
    // 30 connections spread over both servers ask at once: 60 distinct recipients for one mailbox,
    // and for a second mailbox in the other order, so batches from both servers hold both.
    const clients = await Promise.all(Array.from({ length: 30 }, (_, i) => client(servers[i % 2]!)));
    const answers = await Promise.all(
      clients.map(async (c, i) => {
        const mine = [];
        for (let j = 0; j < 2; j++) {
          const [first, second] = i % 2 ? [box, other] : [other, box];
          const a = c.ask({ protocol_state: "RCPT", sasl_username: first.address, recipient: `r${i}-${j}@example.com` });
          mine.push({ box: first.id, answer: await a });
          if (first.id === box.id) continue;
          mine.push({
            box: second.id,
            answer: await c.ask({ protocol_state: "RCPT", sasl_username: second.address, recipient: `r${i}-${j}@example.com` }),
          });
        }
        return mine;
      }),
    );
    const forBox = answers
      .flat()
      .filter((a) => a.box === box.id)
      .map((a) => a.answer);
    expect(forBox).toHaveLength(60);
    expect(forBox.filter((a) => a === "action=DUNNO")).toHaveLength(50);
    expect(
      forBox.filter((a) => a !== "action=DUNNO").every((a) => /^action=DEFER 4\.7\.1 (Too many recipients|Sending blocked until)/.test(a)),
    ).toBe(true);
    // The other mailbox stays under its limit, and no batch failed (a deadlock would answer DEFER_IF_PERMIT).
    expect(
      answers
        .flat()
        .filter((a) => a.box === other.id)
        .every((a) => a.answer === "action=DUNNO"),
    ).toBe(true);
    for (const c of clients) c.close();
  });

  it("sends what waits in batches of at most maxBatch, answering each request in its place", async () => {
    now = new Date("2026-12-04T08:00:00Z");
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id);
    const batches: number[] = [];
    // The real pool, with each call's batch size noted.
    const counting = {
      query: (config: pg.QueryConfig<unknown[]>) => {
        batches.push((config.values![0] as string[]).length);
        return pools[0]!.query(config);
      },
    } as PolicyPool;
    const decide = policyDecider(counting, { concurrency: 1, maxBatch: 16, now: () => now });
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        decide(
          i === 7
            ? { protocol_state: "RCPT", sasl_username: "", recipient: "x@example.com" }
            : { protocol_state: "END-OF-MESSAGE", sasl_username: box.address, recipient_count: "1" },
        ),
      ),
    );
    expect(batches).toEqual([16, 16, 8]);
    expect(answers[7]).toBe("REJECT 5.7.0 Authentication required");
    expect(answers.filter((a) => a === "DUNNO")).toHaveLength(39);
    expect(await db.sendMessage.count({ where: { mailboxId: box.id } })).toBe(39);
  });
});
