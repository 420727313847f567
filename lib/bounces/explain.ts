// The bounce explainer (issue 8, R-BNC-1, R-BNC-2): a "Mail Delivery System" message, pasted or
// uploaded, parsed as MIME. A standard report (multipart/report with message/delivery-status, RFC
// 3464) gives the failed recipient, status and diagnostic directly; from servers that write plain
// text (in English, French, Spanish or Norwegian) they are found in the text. The advice follows
// R-BNC-2: a mistyped address (domain not found, user unknown), or customer service with the
// full error.
import type { ActionState } from "@/lib/forms/action-state";
import { simpleParser } from "mailparser";

export type BounceCause = "mistypedDomain" | "mistypedUser" | "other";

/** What the explainer's form gets back: the explanation, or why there is none. */
export type BounceState = ActionState & { explanation?: BounceExplanation };

export type BounceExplanation = {
  recipient: string | null;
  status: string | null; // enhanced status code, "5.1.1"
  diagnostic: string | null; // the server's own words
  cause: BounceCause;
  /** The whole error as the user should quote it to customer service. */
  fullError: string;
  standard: boolean; // came as RFC 3464 delivery status
};

// R-BNC-2's two messages, and their counterparts in the languages bounces come in (R-BNC-1).
const DOMAIN_NOT_FOUND = [
  /domain not found/i,
  /host or domain name not found/i,
  /name service error/i,
  /nom de domaine (introuvable|inconnu)/i,
  /domaine (introuvable|inexistant)/i,
  /dominio no (encontrado|existe)/i,
  /domenet (finnes ikke|ble ikke funnet)/i,
];
const USER_UNKNOWN = [
  /user unknown/i,
  /unknown user/i,
  /no such user/i,
  /does not exist/i,
  /recipient address rejected/i,
  /utilisateur inconnu/i,
  /n'existe pas/i,
  /destinataire inconnu/i,
  /usuario desconocido/i,
  /no existe/i,
  /ukjent (mottaker|bruker)/i,
  /finnes ikke/i,
];

/** The cause from the status code first (RFC 3463), then from the words. */
export function bounceCause(status: string | null, text: string): BounceCause {
  if (status === "5.1.2" || status === "5.4.4" || status === "4.4.4") return "mistypedDomain";
  if (status === "5.1.1" || status === "5.1.10") return "mistypedUser";
  if (DOMAIN_NOT_FOUND.some((r) => r.test(text))) return "mistypedDomain";
  if (USER_UNKNOWN.some((r) => r.test(text))) return "mistypedUser";
  return "other";
}

/** RFC 3464 fields of a message/delivery-status body (per-recipient block: the first failed one). */
export function deliveryStatusFields(body: string) {
  const unfolded = body.replace(/\r?\n[ \t]+/g, " ");
  const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, "im").exec(unfolded)?.[1]?.trim() ?? null;
  const strip = (value: string | null) => (value ? value.replace(/^[a-z0-9-]+;\s*/i, "").replace(/^<|>$/g, "") : null);
  return {
    recipient: strip(field("Final-Recipient") ?? field("Original-Recipient")),
    status: field("Status")?.match(/[245]\.\d{1,3}\.\d{1,3}/)?.[0] ?? null,
    diagnostic: strip(field("Diagnostic-Code")),
  };
}

const ADDRESS = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/** From a server that writes prose: the address, the status and the error line, as best found. */
export function plainTextFields(text: string) {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const errorLine =
    lines.find((l) => /\b[45]\d\d[ -][245]\.\d{1,3}\.\d{1,3}\b/.test(l)) ??
    lines.find((l) => /\b[45]\d\d\b/.test(l) && ADDRESS.test(l)) ??
    lines.find((l) => [...USER_UNKNOWN, ...DOMAIN_NOT_FOUND].some((r) => r.test(l))) ??
    null;
  const addressIn = (l: string | null | undefined) => l?.match(ADDRESS)?.[0] ?? null;
  const recipient =
    addressIn(errorLine) ??
    addressIn(lines.find((l) => /^<[^>]+@[^>]+>/.test(l))) ??
    addressIn(lines.find((l) => ADDRESS.test(l) && !/mailer-daemon|postmaster|^(from|to):/i.test(l)));
  return { recipient, status: errorLine?.match(/\b[245]\.\d{1,3}\.\d{1,3}\b/)?.[0] ?? null, diagnostic: errorLine };
}

export async function explainBounce(raw: string): Promise<BounceExplanation> {
  const input = raw.slice(0, 2_000_000);
  let standard = false;
  let fields: { recipient: string | null; status: string | null; diagnostic: string | null } = {
    recipient: null,
    status: null,
    diagnostic: null,
  };
  let text = input;
  try {
    const mail = await simpleParser(input, { skipHtmlToText: false });
    // mailparser gives the delivery-status part as text, after the human-readable part.
    text =
      [
        mail.text ?? "",
        ...(mail.attachments ?? [])
          .filter((a) => /^(text\/|message\/(global-)?delivery-status)/i.test(a.contentType))
          .map((a) => a.content.toString("utf8")),
      ].join("\n") || input;
    if (/message\/(global-)?delivery-status/i.test(input)) {
      fields = deliveryStatusFields(text);
      standard = !!(fields.recipient || fields.status);
    }
  } catch {
    // Not MIME at all: read it as the text it is.
  }
  if (!standard || (!fields.recipient && !fields.status)) {
    const prose = plainTextFields(text);
    fields = {
      recipient: fields.recipient ?? prose.recipient,
      status: fields.status ?? prose.status,
      diagnostic: fields.diagnostic ?? prose.diagnostic,
    };
  }
  const cause = bounceCause(fields.status, `${fields.diagnostic ?? ""}\n${text}`);
  const fullError =
    [fields.recipient && `<${fields.recipient}>`, fields.status, fields.diagnostic].filter(Boolean).join(" ") || text.trim().slice(0, 2000);
  return { ...fields, cause, fullError, standard };
}
