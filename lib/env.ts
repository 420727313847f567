// Configuration, checked with zod on first use: a missing or malformed value is a startup error
// with a clear message, never a silent fallback. Every variable is listed in README.md.
import { z } from "zod";
import { POLICY } from "@/lib/policy";
import { parseKey } from "@/lib/crypto/secret-box";
import { brandTheme, parseHex, primaryProblem, type Brand } from "@/lib/brand/theme";

// The brand alone (issue 18), so the e-mails and the favicon can read it without the rest.
const brandSchema = z.object({
  MAIL_BRAND: z.string().min(1).default(POLICY.mail.defaultBrand),
  /** The brand's primary colour, #rrggbb: buttons and links; refused unless text on it and in it is AA. */
  MAIL_BRAND_COLOR: z
    .string()
    .superRefine((value, ctx) => {
      const problem = primaryProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: `MAIL_BRAND_COLOR ${problem}` });
    })
    .default(POLICY.mail.defaultBrandColor),
  /** The brand's accent colour, #rrggbb: the logo's fold and the header's line. */
  MAIL_ACCENT_COLOR: z
    .string()
    .refine((value) => parseHex(value) !== null, { message: `MAIL_ACCENT_COLOR må være en farge som ${POLICY.mail.defaultAccentColor}` })
    .default(POLICY.mail.defaultAccentColor),
});

const schema = brandSchema.extend({
  DATABASE_URL: z.string().url({ message: "DATABASE_URL må være en postgresql://-adresse" }),
  NEXTAUTH_SECRET: z.string().min(32, { message: "NEXTAUTH_SECRET må være minst 32 tegn" }),
  MAIL_DOMAIN: z
    .string()
    .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, { message: "MAIL_DOMAIN må være et domenenavn, f.eks. altibox.no" })
    .default(POLICY.mail.defaultDomain),
  IMAP_HOST: z.string().optional(),
  SMTP_HOST: z.string().optional(),
  POP_HOST: z.string().optional(),
  WEBMAIL_URL: z.string().url().optional(),
  /** SMTP server for outgoing mail (smtp://user:pass@host:port, smtps://…). Unset: the local sink. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { message: "SMTP_URL må starte med smtp:// eller smtps://" })
    .optional(),
  /** Sender of the portal's e-mail. */
  MAIL_FROM: z.string().min(3).optional(),
  /** The portal's public address, for links in e-mail. */
  PORTAL_URL: z.string().url().optional(),
  /** 32 bytes, base64: seals TOTP secrets at rest (AES-256-GCM). Required in production. */
  TOTP_ENCRYPTION_KEY: z.string().optional(),
  /** Bearer token the mail servers use to report logins (POST /api/ingest/logins). Unset: the route is off. */
  INGEST_TOKEN: z.string().min(32, { message: "INGEST_TOKEN må være minst 32 tegn" }).optional(),
  /** Bearer token the partners' systems use to report broadband status (POST /api/partner/broadband). Unset: the route is off. */
  PARTNER_TOKEN: z.string().min(32, { message: "PARTNER_TOKEN må være minst 32 tegn" }).optional(),
  /** R-PAY-2: days a customer has to accept the paid plan after broadband ends. */
  OFFER_DAYS: z.coerce.number().int().min(1).max(365).default(POLICY.paidPlan.offerDays),
  /** R-TR-1: days the receiver has to approve a mailbox move. */
  TRANSFER_DAYS: z.coerce.number().int().min(1).max(90).default(POLICY.transfers.requestDays),
  /** How long quarantined mail is kept before it is deleted (Cleanmail). */
  QUARANTINE_DAYS: z.coerce.number().int().min(1).max(365).default(POLICY.cleanmail.quarantineDays),
  /** R-PLAT-3: Dovecot hosts whose doveadm HTTP API the worker acts on ("name=http://host:port,…"). Unset: no consumer. */
  DOVECOT_BACKENDS: z.string().optional(),
  /** The doveadm API key (Dovecot's `doveadm_api_key`) of those hosts. */
  DOVEADM_API_KEY: z.string().min(16, { message: "DOVEADM_API_KEY må være minst 16 tegn" }).optional(),
  /** Bearer token of GET /api/metrics (the mail platform's event stream). Unset: the route is off. */
  METRICS_TOKEN: z.string().min(32, { message: "METRICS_TOKEN må være minst 32 tegn" }).optional(),
  /** Number of reverse proxies in front of the portal whose X-Forwarded-For entries are trusted. */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
});

export type Env = z.infer<typeof schema> & {
  imapHost: string;
  smtpHost: string;
  popHost: string;
  webmailUrl: string;
  mailFrom: string;
  portalUrl: string;
};

let cached: Env | undefined;

function parsed<T extends z.ZodType>(of: T): z.infer<T> {
  const result = of.safeParse(process.env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
  throw new Error(`Ugyldig konfigurasjon:\n${lines}`);
}

export function env(): Env {
  if (cached) return cached;
  const e = parsed(schema);
  cached = {
    ...e,
    imapHost: e.IMAP_HOST ?? `imap.${e.MAIL_DOMAIN}`,
    smtpHost: e.SMTP_HOST ?? `smtp.${e.MAIL_DOMAIN}`,
    popHost: e.POP_HOST ?? `pop.${e.MAIL_DOMAIN}`,
    webmailUrl: e.WEBMAIL_URL ?? `https://webmail.${e.MAIL_DOMAIN}`,
    mailFrom: e.MAIL_FROM ?? `${e.MAIL_BRAND} <ikke-svar@${e.MAIL_DOMAIN}>`,
    portalUrl: (e.PORTAL_URL ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, ""),
  };
  return cached;
}

/** The key that seals TOTP secrets. A missing or malformed key is an error, never a fallback. */
export function totpKey(): Buffer {
  const value = env().TOTP_ENCRYPTION_KEY;
  if (!value) throw new Error("TOTP_ENCRYPTION_KEY er ikke satt (32 byte, base64: openssl rand -base64 32).");
  return parseKey(value);
}

let cachedBrand: Brand | undefined;

/** The brand as the site, the favicon and the e-mails show it (MAIL_BRAND, MAIL_BRAND_COLOR, MAIL_ACCENT_COLOR). */
export function brand(): Brand {
  if (cachedBrand) return cachedBrand;
  const e = parsed(brandSchema);
  cachedBrand = brandTheme({ name: e.MAIL_BRAND, primary: e.MAIL_BRAND_COLOR, accent: e.MAIL_ACCENT_COLOR });
  return cachedBrand;
}

/** What two-factor login needs from configuration: the sealing key and the brand apps show. */
export function twoFactorConfig(): { key: Buffer; brand: string } {
  return { key: totpKey(), brand: env().MAIL_BRAND };
}

/** Who the portal's e-mail is from, and the Mine sider link notices point to. */
export function mailConfig(): { from: string; brand: string; mailboxesUrl: string } {
  const e = env();
  return { from: e.mailFrom, brand: e.MAIL_BRAND, mailboxesUrl: `${e.portalUrl}/mine-sider/internett/e-postkontoer` };
}

/** What the paid plan needs: brand, the Mine sider link in e-mail, the price, the offer's days. */
export function commerceConfig() {
  const e = env();
  return {
    brand: e.MAIL_BRAND,
    url: `${e.portalUrl}/mine-sider/internett/e-postkontoer`,
    priceOre: POLICY.paidPlan.monthlyPriceOre,
    offerDays: e.OFFER_DAYS,
  };
}

export function transferConfig() {
  const e = env();
  return { brand: e.MAIL_BRAND, url: `${e.portalUrl}/mine-sider/internett/e-postkontoer`, requestDays: e.TRANSFER_DAYS };
}

/** The mail servers as clients see them (R-SET-1), for guides and automatic configuration. */
export function mailServers() {
  const e = env();
  return {
    domain: e.MAIL_DOMAIN,
    brand: e.MAIL_BRAND,
    imapHost: e.imapHost,
    imapPort: POLICY.mailClients.imapPort,
    popHost: e.popHost,
    popPort: POLICY.mailClients.popPort,
    smtpHost: e.smtpHost,
    smtpPort: POLICY.mailClients.smtpPort,
    // Thunderbird links "documentation" to this: the guide for Thunderbird itself (issue 18).
    helpUrl: `${e.portalUrl}/hjelp/oppsett/thunderbird`,
  };
}
