// Search in the admin view (issue 5, R-ADM-1): by address (also retired and deleted ones, through
// Address, which keeps every address ever issued), customer number, name, contact e-mail or phone,
// with partial matches. Trigram indexes (pg_trgm) keep it fast with a million mailboxes.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import { POLICY } from "@/lib/policy";

const S = POLICY.adminSearch;

export type SearchTerms =
  { kind: "empty" } | { kind: "tooShort" } | { kind: "tooLong" } | { kind: "terms"; text: string; words: string[]; digits: string | null };

/**
 * Pure: what was typed, as terms. Fragments shorter than three characters match too much to be
 * useful (and no trigram index can serve them); a customer number may be typed in full at any length.
 */
export function parseSearch(input: string): SearchTerms {
  const text = input.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
  if (!text) return { kind: "empty" };
  if (text.length > S.maxLength) return { kind: "tooLong" };
  const digitsOnly = /^[+\d][\d ]*$/.test(text) ? text.replace(/\D/g, "") : null;
  if (text.length < S.minLength && !(digitsOnly && digitsOnly.length >= S.minLength)) return { kind: "tooShort" };
  return {
    kind: "terms",
    text,
    words: text.split(" ").filter(Boolean),
    digits: digitsOnly && digitsOnly.length >= S.minLength ? digitsOnly : null,
  };
}

/** LIKE pattern for "contains", with the person's % and _ taken literally. */
export function containsPattern(fragment: string): string {
  return `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export type MailboxHit = {
  kind: "mailbox";
  mailboxId: string;
  address: string;
  /** The address that matched, when it is a former one (renamed or deleted). */
  matchedAddress: string | null;
  status: "ACTIVE" | "LOCKED" | "DELETED";
  customerId: string;
  customerName: string;
  customerNumber: string;
};

export type CustomerHit = {
  kind: "customer";
  customerId: string;
  customerNumber: string;
  name: string;
  email: string;
  phone: string | null;
  broadbandStatus: "ACTIVE" | "ENDED";
};

export type SearchHit = MailboxHit | CustomerHit;

type Row = {
  kind: "mailbox" | "customer";
  mailboxId: string | null;
  address: string | null;
  matchedAddress: string | null;
  status: string | null;
  customerId: string;
  name: string;
  customerNumber: string;
  email: string;
  phone: string | null;
  broadbandStatus: string;
};

/** One page of hits, exact matches first, then in alphabetical order; `hasMore` when there is a next page. */
export async function searchAdmin(
  db: Db,
  terms: Extract<SearchTerms, { kind: "terms" }>,
  page: number,
): Promise<{ hits: SearchHit[]; hasMore: boolean }> {
  const offset = (page - 1) * S.pageSize;
  // Each part takes only as many rows as this page can need, in index order where it can.
  const take = offset + S.pageSize + 1;
  const pattern = containsPattern(terms.text);
  const nameMatch = Prisma.join(
    terms.words.map((w) => Prisma.sql`c.name ILIKE ${containsPattern(w)}`),
    " AND ",
  );
  const phoneMatch = terms.digits
    ? Prisma.sql`OR regexp_replace(c.phone, '\\D', '', 'g') LIKE ${containsPattern(terms.digits)}`
    : Prisma.empty;
  const numberMatch = terms.digits ? Prisma.sql`OR c."customerNumber" LIKE ${terms.digits.replace(/[\\%_]/g, "") + "%"}` : Prisma.empty;

  const rows = await db.$queryRaw<(Row & { rank: number; sort: string })[]>`
    WITH hits AS (
      (SELECT 'mailbox' AS kind, m.id AS "mailboxId", m.address, a.address AS "matchedAddress", m.status::text AS status,
              c.id AS "customerId", c.name, c."customerNumber", c.email, c.phone, c."broadbandStatus"::text AS "broadbandStatus",
              a.rank, a.address AS sort
       -- The page's addresses first, then their mailboxes and customers: joins for 21 rows, not thousands.
       FROM (SELECT address, "mailboxId", CASE WHEN address = ${terms.text} THEN 0 ELSE 1 END AS rank
             FROM "Address" WHERE address ILIKE ${pattern} ORDER BY 3, address LIMIT ${take}) a
       JOIN "Mailbox" m ON m.id = a."mailboxId"
       JOIN "Customer" c ON c.id = m."customerId")
      UNION ALL
      (SELECT 'customer', NULL, NULL, NULL, NULL,
              c.id, c.name, c."customerNumber", c.email, c.phone, c."broadbandStatus"::text,
              CASE WHEN c."customerNumber" = ${terms.digits ?? ""} OR c.email = ${terms.text} THEN 0 ELSE 1 END, lower(c.name)
       FROM "Customer" c
       WHERE (${nameMatch}) OR c.email ILIKE ${pattern} ${phoneMatch} ${numberMatch}
       ORDER BY 12, 13
       LIMIT ${take})
    )
    SELECT * FROM hits ORDER BY rank, sort, kind LIMIT ${S.pageSize + 1} OFFSET ${offset}`;

  const hits = rows.slice(0, S.pageSize).map((r): SearchHit =>
    r.kind === "mailbox"
      ? {
          kind: "mailbox",
          mailboxId: r.mailboxId!,
          address: r.address!,
          matchedAddress: r.matchedAddress !== r.address ? r.matchedAddress : null,
          status: r.status as MailboxHit["status"],
          customerId: r.customerId,
          customerName: r.name,
          customerNumber: r.customerNumber,
        }
      : {
          kind: "customer",
          customerId: r.customerId,
          customerNumber: r.customerNumber,
          name: r.name,
          email: r.email,
          phone: r.phone,
          broadbandStatus: r.broadbandStatus as CustomerHit["broadbandStatus"],
        },
  );
  return { hits, hasMore: rows.length > S.pageSize };
}
