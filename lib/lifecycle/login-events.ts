// Login events from the mail servers (R-LC-4): what counts as a login, checked entry by entry so
// one bad entry never costs the good ones. Pure: the caller supplies the time.
import { z } from "zod";
import { POLICY } from "@/lib/policy";

export type LoginProtocol = "IMAP" | "POP3" | "SMTP" | "WEBMAIL";

/** Deliveries, not logins: the mail servers may report them, but they never keep a mailbox alive. */
const NOT_LOGINS = new Set(["lmtp", "lda", "forward", "forwarding", "delivery", "local"]);
const LOGINS: Record<string, LoginProtocol> = {
  imap: "IMAP",
  pop3: "POP3",
  pop: "POP3",
  smtp: "SMTP",
  submission: "SMTP",
  webmail: "WEBMAIL",
};

export type LoginEntryError = "malformed" | "notALogin" | "unknownProtocol" | "future" | "batchLimit" | "unknownAddress";

export type ParsedLogin = { index: number; address: string; protocol: LoginProtocol; at: Date };

const entrySchema = z.object({
  address: z.string().min(3).max(320),
  protocol: z.string().min(1).max(32),
  at: z.iso.datetime({ offset: true }),
});

export function parseLoginBatch(entries: unknown[], now: Date) {
  const valid: ParsedLogin[] = [];
  const errors: { index: number; error: LoginEntryError }[] = [];
  const latest = now.getTime() + POLICY.loginEvents.clockSkewSeconds * 1000;
  entries.forEach((raw, index) => {
    if (index >= POLICY.loginEvents.maxBatchEntries) return errors.push({ index, error: "batchLimit" });
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) return errors.push({ index, error: "malformed" });
    const protocol = parsed.data.protocol.toLowerCase();
    if (NOT_LOGINS.has(protocol)) return errors.push({ index, error: "notALogin" });
    const known = Object.hasOwn(LOGINS, protocol) ? LOGINS[protocol] : undefined;
    if (!known) return errors.push({ index, error: "unknownProtocol" });
    const at = new Date(parsed.data.at);
    if (at.getTime() > latest) return errors.push({ index, error: "future" });
    valid.push({ index, address: parsed.data.address.trim().toLowerCase(), protocol: known, at });
  });
  return { valid, errors };
}
