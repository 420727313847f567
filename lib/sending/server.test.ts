// The policy server over real TCP against a real PostgreSQL (R-SEC-2, R-SEC-3): anonymous and
// foreign senders refused; 50 distinct recipients and 200 messages in 60 minutes; past either,
// refused and blocked for 60 minutes, the block stored on the mailbox; two servers agree.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { createCustomer, createMailbox } from "@/test/factories";
import type { Db } from "@/lib/db";
import pg from "pg";
import { startPolicyServer } from "@/lib/sending/server";

let db: Db;
let close: () => Promise<void>;
let servers: net.Server[] = [];
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
  for (const s of servers) s.close();
  await Promise.all(pools.map((p) => p.end()));
  await close();
});

/** A Postfix-like client: one connection, requests one after another, answers read back. */
async function client(server: net.Server) {
  const port = (server.address() as net.AddressInfo).port;
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
      socket.write(Object.entries({ request: "smtpd_access_policy", ...attrs }).map(([k, v]) => `${k}=${v}`).join("\n") + "\n\n");
    });
  return { ask, close: () => socket.end() };
}

describe("the policy server", () => {
  it("refuses unauthenticated senders and senders that are not active mailboxes here (R-SEC-2)", async () => {
    const c = await client(servers[0]);
    const customer = await createCustomer(db);
    const locked = await createMailbox(db, customer.id, { status: "LOCKED", lockReason: "INACTIVITY", lockedAt: now });
    expect(await c.ask({ protocol_state: "RCPT", recipient: "x@example.com", sasl_username: "" })).toBe("action=REJECT 5.7.0 Authentication required");
    expect(await c.ask({ protocol_state: "RCPT", recipient: "x@example.com", sasl_username: "noen@gmail.com" })).toMatch(/^action=REJECT 5\.7\.1/);
    expect(await c.ask({ protocol_state: "RCPT", recipient: "x@example.com", sasl_username: locked.address })).toMatch(/^action=REJECT 5\.7\.1/);
    c.close();
  });

  it("allows 50 distinct recipients in the hour, blocks at the 51st for 60 minutes, and two servers count together (R-SEC-3)", async () => {
    const customer = await createCustomer(db);
    const box = await createMailbox(db, customer.id);
    const [a, b] = await Promise.all([client(servers[0]), client(servers[1])]);
    for (let i = 0; i < 50; i++) {
      // The same recipient twice counts once; the two servers share the count.
      expect(await (i % 2 ? a : b).ask({ protocol_state: "RCPT", sasl_username: box.address.toUpperCase(), recipient: `mottaker${i}@example.com` })).toBe("action=DUNNO");
      if (i === 10) expect(await a.ask({ protocol_state: "RCPT", sasl_username: box.address, recipient: "mottaker10@example.com" })).toBe("action=DUNNO");
    }
    expect(await a.ask({ protocol_state: "RCPT", sasl_username: box.address, recipient: "nummer51@example.com" })).toMatch(/^action=DEFER 4\.7\.1 Too many recipients/);
    expect(await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).toMatchObject({ sendBlockedUntil: new Date("2026-12-01T13:00:00Z"), sendBlockReason: "recipients" });
    expect(await b.ask({ protocol_state: "END-OF-MESSAGE", sasl_username: box.address, recipient_count: "1" })).toMatch(/^action=DEFER 4\.7\.1 Sending blocked until/);
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
    const c = await client(servers[1]);
    const answers = [];
    for (let i = 0; i < 201; i++) answers.push(await c.ask({ protocol_state: "END-OF-MESSAGE", sasl_username: box.address, recipient_count: "1" }));
    expect(answers.slice(0, 200).every((x) => x === "action=DUNNO")).toBe(true);
    expect(answers[200]).toMatch(/^action=DEFER 4\.7\.1 Too many messages/);
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: box.id } })).sendBlockReason).toBe("messages");
    c.close();
  });
});
