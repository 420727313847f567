// Admin search (issue 5, R-ADM-1): the pure parsing, and the query against a real PostgreSQL with
// its trigram indexes: every address ever issued, customer number, name, e-mail, phone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { createCustomer, createMailbox, uniq } from "@/test/factories";
import type { Db } from "@/lib/db";
import { containsPattern, parseSearch, searchAdmin } from "@/lib/admin/search";
import { POLICY } from "@/lib/policy";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await freshDatabase()));
afterAll(() => close());

async function search(q: string, page = 1) {
  const terms = parseSearch(q);
  if (terms.kind !== "terms") throw new Error(terms.kind);
  return searchAdmin(db, terms, page);
}

describe("parseSearch", () => {
  it("trims, folds case and spaces, and refuses what cannot be searched", () => {
    expect(parseSearch("   ")).toEqual({ kind: "empty" });
    expect(parseSearch("ab")).toEqual({ kind: "tooShort" });
    expect(parseSearch("x".repeat(101))).toEqual({ kind: "tooLong" });
    expect(parseSearch("  Kari   NORD ")).toEqual({ kind: "terms", text: "kari nord", words: ["kari", "nord"], digits: null });
    expect(parseSearch("+47 400 00 123")).toMatchObject({ kind: "terms", digits: "4740000123" });
    expect(parseSearch("100")).toMatchObject({ kind: "terms", digits: "100" });
  });

  it("takes % and _ literally", () => {
    expect(containsPattern("50%_a\\b")).toBe("%50\\%\\_a\\\\b%");
  });
});

describe("searchAdmin", () => {
  it("finds mailboxes by any part of the address, including former and deleted addresses", async () => {
    const tag = uniq("sok");
    const customer = await createCustomer(db, { name: `Søkbar ${tag}` });
    const box = await createMailbox(db, customer.id, { address: `${tag}.hansen@altibox.no` });
    const gone = await createMailbox(db, customer.id, { address: `${tag}.gammel@altibox.no`, status: "DELETED" });
    // A rename keeps the old address in Address (R-ACC-4).
    await db.address.update({ where: { address: box.address }, data: { retiredAt: new Date(), retiredBecause: "RENAMED" } });
    await db.address.create({ data: { address: `${tag}.ny@altibox.no`, mailboxId: box.id } });
    await db.mailbox.update({ where: { id: box.id }, data: { address: `${tag}.ny@altibox.no` } });

    const { hits } = await search(`${tag}.HANSEN`);
    expect(hits).toEqual([
      expect.objectContaining({
        kind: "mailbox",
        mailboxId: box.id,
        address: `${tag}.ny@altibox.no`,
        matchedAddress: `${tag}.hansen@altibox.no`,
        customerId: customer.id,
      }),
    ]);
    expect((await search(`${tag}.gammel`)).hits).toEqual([expect.objectContaining({ mailboxId: gone.id, status: "DELETED" })]);
    // All three addresses, and the customer (by name), for the tag alone.
    const all = await search(tag);
    expect(all.hits.filter((h) => h.kind === "mailbox")).toHaveLength(3);
    expect(all.hits.filter((h) => h.kind === "customer")).toEqual([expect.objectContaining({ customerId: customer.id })]);
  });

  it("finds customers by number prefix, name words in any order, e-mail and phone digits", async () => {
    const tag = uniq("");
    const number = String(Math.floor(Math.random() * 9e8) + 1e8);
    const customer = await db.customer.create({
      data: {
        customerNumber: number,
        name: `Ingrid Fjellstad-${tag}`,
        email: `ingrid-${tag}@example.test`,
        phone: `+47 ${number.slice(0, 3)} ${number.slice(3, 5)} ${number.slice(5, 8)}`,
        passwordHash: "x",
      },
    });
    const digits = customer.phone!.replace(/\D/g, "");
    for (const q of [
      customer.customerNumber,
      customer.customerNumber.slice(0, 6),
      `fjellstad-${tag} ingrid`,
      `INGRID-${tag}@EXAMPLE`,
      customer.phone!,
      digits.slice(2),
    ]) {
      const { hits } = await search(q);
      expect(
        hits.map((h) => h.customerId),
        q,
      ).toContain(customer.id);
    }
    // An exact customer number comes first.
    expect((await search(customer.customerNumber)).hits[0]).toMatchObject({ kind: "customer", customerId: customer.id });
  });

  it("pages through many hits without repeating or skipping", async () => {
    const tag = uniq("side");
    const customer = await createCustomer(db);
    const size = POLICY.adminSearch.pageSize;
    for (let i = 0; i < size + 5; i++)
      await createMailbox(db, customer.id, { address: `${tag}${String(i).padStart(2, "0")}@altibox.no`, status: "DELETED" });
    const first = await search(tag, 1);
    const second = await search(tag, 2);
    expect(first.hits).toHaveLength(size);
    expect(first.hasMore).toBe(true);
    expect(second.hits).toHaveLength(5);
    expect(second.hasMore).toBe(false);
    const addresses = [...first.hits, ...second.hits].map((h) => (h.kind === "mailbox" ? h.address : ""));
    expect(new Set(addresses).size).toBe(size + 5);
    expect(addresses).toEqual([...addresses].sort());
  });

  it("treats % and _ as characters, not wildcards", async () => {
    expect((await search("%%%")).hits).toEqual([]);
    expect((await search("___")).hits).toEqual([]);
  });
});
