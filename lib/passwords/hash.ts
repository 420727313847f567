// argon2id with the R-SEC-5 parameters. Mailbox hashes carry Dovecot's scheme prefix so the
// mail servers can authenticate against the same column ({ARGON2ID}$argon2id$v=19$m=…).
import os from "node:os";
import { POLICY } from "@/lib/policy";
import { onPasswordThread } from "@/lib/passwords/threads";
import { metrics } from "@/lib/metrics";

/**
 * argon2id is slow on purpose (~0.1 s of a core each). A login storm must not take every core from
 * the pages that hash nothing (issue 14): the work runs on threads of the lowest priority
 * (lib/passwords/threads.ts), and each process runs at most its share of the cores' worth at once
 * (the web server's workers share the machine). Verifications (what anyone can ask for,
 * signed in or not) may wait in a short queue, and beyond it are told to try again in a moment;
 * hashing a new password (a signed-in person's change) waits its turn.
 */
export class PasswordWorkBusy extends Error {
  constructor() {
    super("Password checks are busy: try again in a moment.");
  }
}

const SLOTS = Math.max(1, Math.floor(os.availableParallelism() / Math.max(1, Number(process.env.WEB_CONCURRENCY) || 1)));
const QUEUE = SLOTS * POLICY.passwords.work.queuePerSlot;
let running = 0;
const waiting: (() => void)[] = [];

/** Runs one piece of password work when a slot is free; a verification is refused (PasswordWorkBusy) when the queue is full. */
async function withSlot<T>(work: () => Promise<T>, refusable: boolean): Promise<T> {
  if (running < SLOTS) running++;
  else if (refusable && waiting.length >= QUEUE) throw new PasswordWorkBusy();
  else {
    const turn = new Promise<void>((resolve) => waiting.push(resolve));
    gauge();
    await turn;
  }
  gauge();
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, or is freed.
    const next = waiting.shift();
    if (next) next();
    else running--;
    gauge();
  }
}

function gauge() {
  metrics().passwordWork.set({ state: "running" }, running);
  metrics().passwordWork.set({ state: "waiting" }, waiting.length);
}

/** What the password work of this process is doing now (for the benchmark and metrics). */
export const passwordWorkLoad = () => ({ slots: SLOTS, running, waiting: waiting.length, queue: QUEUE });

/** Whether a verification asked for now would be refused: the caller may say "busy" before any other work. */
export const passwordWorkFull = () => running >= SLOTS && waiting.length >= QUEUE;

const DOVECOT_PREFIX = "{ARGON2ID}";

const options = {
  algorithm: 2 as const, // Algorithm.Argon2id (a const enum, which isolated modules cannot read)
  memoryCost: POLICY.passwords.argon2.memoryCostKiB,
  timeCost: POLICY.passwords.argon2.timeCost,
  parallelism: POLICY.passwords.argon2.parallelism,
};

const hash = (password: string) => withSlot(() => onPasswordThread<string>({ op: "hash", password, options }), false);

/** Passwords typed on the web only: the same letters count the same however they were composed. */
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFC"));
}

/**
 * Mailbox passwords are hashed as typed: Dovecot verifies the bytes a mail program sends and
 * normalises nothing, so the portal must not either (R-PLAT-2; a password that is not in NFC is
 * refused when set, lib/passwords/rules.ts, docs/mail-platform.md).
 */
export async function hashMailboxPassword(password: string): Promise<string> {
  return DOVECOT_PREFIX + (await hash(password));
}

export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) return false;
  // A mailbox's hash is checked as Dovecot checks it: the bytes as typed.
  const mailbox = stored.startsWith(DOVECOT_PREFIX);
  const phc = mailbox ? stored.slice(DOVECOT_PREFIX.length) : stored;
  return withSlot(async () => {
    try {
      return await onPasswordThread<boolean>({ op: "verify", phc, password: mailbox ? password : password.normalize("NFC") });
    } catch {
      return false;
    }
  }, true);
}

// Verifying against this when an account does not exist keeps the response time the same,
// so timing does not tell which customer numbers exist.
let dummy: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword("not-a-real-password-" + Math.random());
  await verifyPassword(await dummy, password);
}
