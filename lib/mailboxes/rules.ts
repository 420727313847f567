// Pure rules for mailboxes: address syntax (R-ACC-1), the 5-limit (R-ACC-2), display names.
import { POLICY } from "@/lib/policy";

export type LocalPartProblem = "empty" | "tooShort" | "tooLong" | "invalidCharacters" | "dotPlacement" | "reserved" | "wrongDomain";

/** Where new addresses live, and which local parts are the provider's own (R-ACC-8). */
export type Addressing = { domain: string; reserved: ReservedLocalParts };
export type ReservedLocalParts = { exact: ReadonlySet<string>; containing: readonly string[] };

/** A local part without its separators: "ikke.svar", "ikke-svar" and "ikke_svar" are one name. */
const bare = (localPart: string) => localPart.replace(/[._-]/g, "");

/**
 * R-ACC-8: the policy's list, the local part the portal sends from (MAIL_FROM), and, as a part of
 * any name, the brand ("altibox-support", "kundeservice.altibox").
 */
export function reservedLocalParts(config: { mailFrom: string; brand: string; domain: string }): ReservedLocalParts {
  const sender = /([^\s<@]+)@([^\s>]+)>?\s*$/.exec(config.mailFrom);
  const own = sender?.[1] && sender[2]?.toLowerCase() === config.domain.toLowerCase() ? [sender[1].toLowerCase()] : [];
  const brand = bare(
    config.brand
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[^a-z0-9._-]/g, ""),
  );
  return {
    exact: new Set([...POLICY.mailboxes.reservedLocalParts, ...own].map(bare)),
    containing: brand.length >= POLICY.mailboxes.localPartMinLength ? [brand] : [],
  };
}

/** Where new mailboxes' addresses live, and the local parts the provider keeps (R-ACC-8), from configuration. */
export function addressingOf(config: { MAIL_DOMAIN: string; MAIL_BRAND: string; mailFrom: string }): Addressing {
  return {
    domain: config.MAIL_DOMAIN,
    reserved: reservedLocalParts({ mailFrom: config.mailFrom, brand: config.MAIL_BRAND, domain: config.MAIL_DOMAIN }),
  };
}

export function isReservedLocalPart(localPart: string, reserved: ReservedLocalParts): boolean {
  const b = bare(localPart);
  return reserved.exact.has(b) || reserved.containing.some((part) => b.includes(part));
}

/**
 * Normalises what a customer typed as the part before @: Unicode compatibility forms folded
 * (NFKC), lower case, the portal's own domain accepted and stripped. Anything outside a-z, 0-9,
 * dot, hyphen and underscore is refused, which also refuses look-alike letters (Cyrillic "а").
 */
export function normaliseLocalPart(
  input: string,
  { domain, reserved }: Addressing,
): { ok: true; localPart: string } | { ok: false; problem: LocalPartProblem } {
  let value = input.normalize("NFKC").trim().toLowerCase();
  const at = value.lastIndexOf("@");
  if (at >= 0) {
    if (value.slice(at + 1) !== domain.toLowerCase()) return { ok: false, problem: "wrongDomain" };
    value = value.slice(0, at);
  }
  const { localPartMinLength, localPartMaxLength } = POLICY.mailboxes;
  if (!value) return { ok: false, problem: "empty" };
  if (value.length > localPartMaxLength) return { ok: false, problem: "tooLong" };
  if (!/^[a-z0-9._-]+$/.test(value)) return { ok: false, problem: "invalidCharacters" };
  if (value.length < localPartMinLength) return { ok: false, problem: "tooShort" };
  if (/^[.-]|[.-]$|\.\./.test(value)) return { ok: false, problem: "dotPlacement" };
  if (isReservedLocalPart(value, reserved)) return { ok: false, problem: "reserved" };
  return { ok: true, localPart: value };
}

export function addressOf(localPart: string, domain: string): string {
  return `${localPart}@${domain.toLowerCase()}`;
}

export type DisplayNameProblem = "empty" | "tooLong" | "invalidCharacters";

export function normaliseDisplayName(input: string): { ok: true; displayName: string } | { ok: false; problem: DisplayNameProblem } {
  const value = input.normalize("NFC").replace(/\s+/g, " ").trim();
  if (!value) return { ok: false, problem: "empty" };
  if ([...value].length > POLICY.mailboxes.displayNameMaxLength) return { ok: false, problem: "tooLong" };
  // Control characters and angle brackets would break the From: header this name ends up in.
  if (/[\p{Cc}\p{Cf}<>"]/u.test(value)) return { ok: false, problem: "invalidCharacters" };
  return { ok: true, displayName: value };
}

/** Share of the R-ACC-6 quota in use, 0..1 (clamped: a mailbox can briefly exceed it). */
export function quotaShare(usedBytes: bigint | number): number {
  return Math.min(1, Math.max(0, Number(usedBytes) / POLICY.mailboxes.quotaBytes));
}
