// Every number and list of the rule book (docs/rules.md), with the rule id beside it.
// Nothing else in the code writes these values as literals.

export const POLICY = {
  mail: {
    /** Brand, mail domain and hosts are deployment configuration (docs/rules.md, intro); these are the defaults. */
    defaultBrand: "Altibox",
    defaultDomain: "altibox.no",
    /** The brand's colours (issue 18): primary (buttons, links; AA on white) and accent (the logo). */
    defaultBrandColor: "#1e3a8a",
    defaultAccentColor: "#ea580c",
  },
  mailClients: {
    /** R-SET-1: SSL/TLS ports. */
    imapPort: 993,
    smtpPort: 465,
    popPort: 995,
  },
  mailboxes: {
    /** R-ACC-2: active mailboxes per customer relationship. */
    maxActivePerCustomer: 5,
    /** R-ACC-6: storage per mailbox. */
    quotaBytes: 15 * 1000 ** 3,
    /** R-ACC-6: largest message. */
    maxMessageBytes: 18 * 1000 ** 2,
    /**
     * R-ACC-8: local parts the provider sends from or answers for, never handed out to customers
     * (RFC 2142 role addresses, system names, the portal's own senders). Compared without dots,
     * hyphens and underscores ("no.reply" is "noreply"); the sender of MAIL_FROM and anything
     * containing the brand name are reserved as well (lib/mailboxes/rules.ts).
     */
    reservedLocalParts: [
      "abuse",
      "admin",
      "administrator",
      "hostmaster",
      "info",
      "mailer-daemon",
      "noc",
      "postmaster",
      "root",
      "security",
      "sikkerhet",
      "support",
      "webmaster",
      "www",
      "kundeservice",
      "kundesenter",
      "customerservice",
      "cleanmail",
      "help",
      "hjelp",
      "ikke-svar",
      "no-reply",
      "do-not-reply",
      "faktura",
      "billing",
      "invoice",
      "kontakt",
      "contact",
      "personvern",
      "privacy",
      "dpo",
      "ssl-admin",
      "mail",
      "post",
      "epost",
      "e-post",
      "system",
      "daemon",
      "bounce",
      "bounces",
    ],
    /** RFC 5321 §4.5.3.1.1 allows 64; we keep local parts readable. */
    localPartMinLength: 2,
    localPartMaxLength: 64,
    displayNameMaxLength: 100,
  },
  lifecycle: {
    /** R-LC-1: a login at least this often, or the mailbox is locked. */
    inactivityMonths: 6,
    /** R-LC-2: warnings this many days before the lock. */
    warningDaysBeforeLock: [14, 7] as const,
    /** R-LC-3: a mailbox locked for inactivity can be restored for this many days, then it is deleted. */
    restoreWindowDays: 92,
    /** R-PAY-3: a mailbox locked because broadband ended is deleted this many months after the lock. */
    broadbandEndedDeletionMonths: 2,
    /** Months are calendar months in this zone. */
    timeZone: "Europe/Oslo",
  },
  mailDelivery: {
    /** Waits before each new attempt to deliver an e-mail; after the last one it is marked failed. */
    retryBackoffMinutes: [1, 5, 15, 60, 180, 360, 720],
    /**
     * R-LC-6: a lifecycle notice never gives up while the server refuses only for now (the lock
     * waits for the warning): its waits grow as above up to this, then stay at it.
     */
    noticeRetryCapMinutes: 60,
    /** How long one worker holds a message it is delivering before another may try. */
    leaseMinutes: 5,
    batchSize: 50,
  },
  sweep: {
    /** Mailboxes per transaction of the lifecycle sweep. */
    batchSize: 2000,
    /** Batches one worker applies at the same time (PostgreSQL does most of the work). */
    concurrency: 2,
    /** The lifecycle sweep runs this often (cron). */
    cron: "*/15 * * * *",
  },
  loginEvents: {
    /** Entries the ingest route takes in one batch; the rest get a per-entry error. */
    maxBatchEntries: 1000,
    /** Largest request body of the ingest route. */
    maxBodyBytes: 1_000_000,
    /** Mail servers' clocks may run this far ahead before a login counts as "in the future". */
    clockSkewSeconds: 300,
  },
  paidPlan: {
    /** R-PAY-2: per mailbox per month, in øre. */
    monthlyPriceOre: 39_00,
    /** R-PAY-5: a paper invoice, in øre. */
    paperInvoiceFeeOre: 79_00,
    /** R-PAY-2: days to accept the offer (issue 6: configurable, default 30). */
    offerDays: 30,
    /** Days from an invoice to its due date. */
    invoiceDueDays: 14,
  },
  transfers: {
    /** R-TR-1: days the receiver has to approve a move (issue 6: configurable, default 14). */
    requestDays: 14,
    /**
     * A move names the receiver by customer number and e-mail; wrong pairs count, so the form
     * cannot be used to find out which pairs exist.
     */
    wrongReceiverLimit: 5,
    wrongReceiverWindowMinutes: 15,
    wrongReceiverBlockMinutes: 15,
  },
  /** R-SEC-6: app passwords for mail programs. */
  appPasswords: {
    maxPerMailbox: 10,
    nameMaxLength: 40,
    /** Generated as groups of lower-case letters and digits without look-alikes: 4 × 4 ≈ 80 bits. */
    groups: 4,
    groupLength: 4,
  },
  /** R-PLAT-3: how the mail platform's events are applied (lib/mail-platform/events.ts). */
  platformEvents: {
    /** Events claimed by one consumer at a time. */
    batch: 200,
    /** A consumer that has not acknowledged by then is presumed dead; another takes the event. */
    leaseSeconds: 30,
    /** Retries wait 2, 4, 8 … seconds, at most this long. */
    maxBackoffSeconds: 60,
    /** How often an idle consumer looks for new events. */
    idleMs: 500,
  },
  sending: {
    /** R-SEC-3 */
    maxDistinctRecipients: 50,
    maxMessages: 200,
    windowMinutes: 60,
    blockMinutes: 60,
  },
  passwords: {
    /** R-SEC-5: at least 8, the UI recommends 15, at least 64 allowed (we allow 128). */
    minLength: 8,
    recommendedLength: 15,
    maxLength: 128,
    /** R-SEC-5: argon2id at least m=19 MiB, t=2, p=1 (OWASP). */
    argon2: { memoryCostKiB: 19_456, timeCost: 2, parallelism: 1 },
    /** R-SEC-5: at least the top 3,000 common passwords are refused. */
    commonPasswordsRefused: 10_000,
    /**
     * Password work waiting for a free core, per core-share of a process: more waiting than this
     * and the login is asked to try again in a moment (issue 14).
     */
    work: { queuePerSlot: 4, retryAfterSeconds: 5 },
  },
  twoFactor: {
    /** R-SEC-1 (beyond): single-use recovery codes issued with two-factor login. */
    recoveryCodes: 10,
  },
  cleanmailPassword: {
    /** R-SEC-4 */
    minLength: 8,
  },
  cleanmail: {
    /** R-CM-2 */
    reportLinkValidDays: 15,
    /** How long quarantined mail is kept (issue 7: configurable, default 30 days). */
    quarantineDays: 30,
    pageSize: 25,
  },
  sessions: {
    /** R-SEC-7: a signed-in browser stays signed in at most this long without a new login. */
    maxAgeHours: 12,
    /** R-SEC-7 (ASVS 7.3.1): a session not used for this long has ended. */
    idleMinutes: { CUSTOMER: 30, MAILBOX: 30, CLEANMAIL: 30, AGENT: 15 },
    /** A session's last use is written at most this often (one write a minute, not one a request). */
    touchSeconds: 60,
  },
  loginThrottle: {
    /** Failures from one IP address against one account before that pair must wait. */
    perAccountAndIpFailures: 5,
    /** Failures from one IP address, across all accounts (credential stuffing). */
    perIpFailures: 50,
    /**
     * Failures against one account from everywhere. Past this, only browsers that have signed in
     * to the account before (device cookie) may try, so an attacker cannot lock the owner out.
     */
    perAccountFailures: 20,
    windowMinutes: 15,
    blockMinutes: 15,
  },
  database: {
    /** Every pool gives up on a new connection after this, rather than waiting on a server that is away. */
    connectTimeoutMs: 5_000,
  },
  http: {
    /**
     * The largest body of a request that carries a small form or document (logins, Autodiscover,
     * the test clock): read as it arrives and refused past this (issue 14).
     */
    smallBodyBytes: 16 * 1024,
  },
  operations: {
    /** A readiness probe's answer is reused this long, so probes cost the database little (issue 19). */
    readinessCacheMs: 1_000,
    /** A readiness probe gives up on the database after this: a hung database is not ready. */
    readinessTimeoutMs: 2_000,
    /**
     * After SIGTERM the web tier keeps answering this long, not ready and closing each connection
     * after its answer, so the load balancer can move on before the port closes (a request still
     * unread when a server closes is dropped).
     */
    drainMs: 2_000,
    /** After SIGTERM, requests and jobs in flight get this long to finish before the process exits. */
    shutdownGraceMs: 10_000,
  },
  bounces: {
    /** The largest bounce the explainer reads, pasted or uploaded. */
    maxBytes: 1_000_000,
  },
  adminSearch: {
    /** Shorter fragments match too much to help, and no trigram index serves them. */
    minLength: 3,
    maxLength: 100,
    pageSize: 20,
    /** Nobody reads past this page; a narrower search serves better. */
    maxPages: 50,
  },
  adminActions: {
    /** Every agent action asks why; the reason goes into the audit event (R-ADM-2). */
    reasonMinLength: 5,
    reasonMaxLength: 500,
    /** An agent's name as a supervisor types it. */
    agentNameMaxLength: 100,
    /** The mailbox page's timeline: this many of the newest entries. */
    timelineEntries: 200,
  },
  auditView: {
    pageSize: 50,
    /** A CSV export holds at most this many events; narrow the filter for more. */
    exportMaxRows: 100_000,
  },
} as const;

export type Policy = typeof POLICY;
