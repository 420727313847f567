// Quarantine intake (R-CM-1): the spam filter hands over a suspected message for a mailbox. It is
// kept byte for byte; sender, subject, date and a plain-text preview are parsed once with a real
// MIME parser. A message that does not parse is kept and marked as such, never refused for it.
// The mailbox's sender rules apply first: allowed senders are delivered, blocked ones discarded.
import { simpleParser } from "mailparser";
import type { Clock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import type { MailTransport } from "@/lib/mail/transport";
import { addCalendarDays } from "@/lib/lifecycle/calendar";
import { POLICY } from "@/lib/policy";
import { checkAttachment } from "@/lib/attachments/check";

export type IntakeResult =
  | { outcome: "quarantined"; id: string }
  | { outcome: "delivered" }
  | { outcome: "discarded" }
  | { outcome: "refused"; error: "unknownMailbox" | "tooLarge" | "empty" };

const PREVIEW_CHARS = 4000;

type Parsed = {
  sender: string | null;
  senderName: string | null;
  subject: string | null;
  sentAt: Date | null;
  preview: string | null;
  malformed: boolean;
  refusedAttachments: string[];
};

/**
 * Whether the bytes begin as an RFC 5322 message does: header lines ("Name: value", or folded
 * continuations) up to the first empty line, in text without NUL bytes. Binary garbage fails this
 * even where a parser finds something that looks like a header in it.
 */
export function looksLikeMessage(raw: Buffer): boolean {
  const head = raw.subarray(0, 64 * 1024);
  if (head.includes(0)) return false;
  const end = head.indexOf("\n\n") >= 0 ? head.indexOf("\n\n") : head.indexOf("\r\n\r\n");
  const lines = head
    .subarray(0, end >= 0 ? end : head.length)
    .toString("latin1")
    .split(/\r?\n/);
  if (!/^[\x21-\x39\x3b-\x7e]+:/.test(lines[0] ?? "")) return false;
  return lines.every((line) => line === "" || /^[\x21-\x39\x3b-\x7e]+:/.test(line) || /^[ \t]/.test(line));
}

/** What the list shows, from the raw message; hostile or broken input yields what could be read. */
export async function parseForQuarantine(raw: Buffer): Promise<Parsed> {
  try {
    const mail = await simpleParser(raw, { skipImageLinks: true, skipHtmlToText: false, maxHtmlLengthToParse: 2_000_000 });
    const from = mail.from?.value?.[0];
    const sender = from?.address ? from.address.toLowerCase().slice(0, 320) : null;
    // Plain text only. Link targets that the HTML-to-text step writes as "[url]" are dropped: the
    // preview shows what the message says, never somewhere to go.
    const text = (mail.text ?? "")
      .replace(/\r\n/g, "\n")
      .replace(/\s*\[[a-z][a-z0-9+.-]*:[^\]\s]*\]/gi, "")
      .trim();
    const sentAt = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null;
    // The same verdict as the mail platform's and the attachment checker's (R-ATT).
    const refusedAttachments: string[] = [];
    for (const a of mail.attachments ?? []) {
      const name = (a.filename ?? "").slice(0, 255);
      if ((await checkAttachment(name, a.size ?? a.content.length, new Uint8Array(a.content))).refused)
        refusedAttachments.push(name || "(uten navn)");
    }
    return {
      sender,
      senderName: from?.name ? from.name.slice(0, 200) : null,
      subject: mail.subject ? mail.subject.slice(0, 500) : null,
      sentAt,
      preview: text ? text.slice(0, PREVIEW_CHARS) : null,
      // Not a header section, or no From and no subject: not a message we could read as one.
      malformed: !looksLikeMessage(raw) || (!sender && !mail.subject),
      refusedAttachments,
    };
  } catch {
    return { sender: null, senderName: null, subject: null, sentAt: null, preview: null, malformed: true, refusedAttachments: [] };
  }
}

/** The sender rule that applies: the address itself, else its domain or a parent domain. */
export function matchingRule<R extends { pattern: string }>(sender: string | null, rules: readonly R[]): R | null {
  if (!sender) return null;
  const exact = rules.find((r) => r.pattern === sender);
  if (exact) return exact;
  const domain = sender.split("@")[1] ?? "";
  return (
    rules
      .filter((r) => !r.pattern.includes("@") && (domain === r.pattern || domain.endsWith(`.${r.pattern}`)))
      .sort((a, b) => b.pattern.length - a.pattern.length)[0] ?? null
  );
}

export async function receiveQuarantined(
  db: Db,
  clock: Clock,
  transport: MailTransport,
  input: { recipient: string; raw: Buffer; score: number; reason: string },
  config: { quarantineDays: number },
): Promise<IntakeResult> {
  if (input.raw.length === 0) return { outcome: "refused", error: "empty" };
  if (input.raw.length > POLICY.mailboxes.maxMessageBytes) return { outcome: "refused", error: "tooLarge" };
  // Deleted mailboxes are refused like unknown ones: their address is gone for good (R-ACC-3).
  const mailbox = await db.mailbox.findFirst({
    where: { address: input.recipient.trim().toLowerCase(), status: { not: "DELETED" } },
    select: { id: true, address: true },
  });
  if (!mailbox) return { outcome: "refused", error: "unknownMailbox" };
  const parsed = await parseForQuarantine(input.raw);
  const now = clock.now();

  const rule = matchingRule(parsed.sender, await db.senderRule.findMany({ where: { mailboxId: mailbox.id } }));
  if (rule?.kind === "BLOCK") {
    await db.senderRule.update({ where: { id: rule.id }, data: { discarded: { increment: 1 } } });
    return { outcome: "discarded" };
  }
  if (rule?.kind === "ALLOW") {
    await transport.sendRaw({ from: parsed.sender ?? "", to: [mailbox.address] }, input.raw);
    return { outcome: "delivered" };
  }
  const message = await db.quarantinedMessage.create({
    data: {
      mailboxId: mailbox.id,
      receivedAt: now,
      raw: new Uint8Array(input.raw),
      sizeBytes: input.raw.length,
      ...parsed,
      score: input.score,
      reason: input.reason.slice(0, 200),
      expiresAt: addCalendarDays(now, config.quarantineDays),
    },
    select: { id: true },
  });
  return { outcome: "quarantined", id: message.id };
}
