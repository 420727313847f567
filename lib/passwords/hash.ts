// argon2id with the R-SEC-5 parameters. Mailbox hashes carry Dovecot's scheme prefix so the
// mail servers can authenticate against the same column ({ARGON2ID}$argon2id$v=19$m=…).
import { hash, verify } from "@node-rs/argon2";
import { POLICY } from "@/lib/policy";

const DOVECOT_PREFIX = "{ARGON2ID}";

const options = {
  algorithm: 2 as const, // Algorithm.Argon2id (a const enum, which isolated modules cannot read)
  memoryCost: POLICY.passwords.argon2.memoryCostKiB,
  timeCost: POLICY.passwords.argon2.timeCost,
  parallelism: POLICY.passwords.argon2.parallelism,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFC"), options);
}

export async function hashMailboxPassword(password: string): Promise<string> {
  return DOVECOT_PREFIX + (await hashPassword(password));
}

export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) return false;
  const phc = stored.startsWith(DOVECOT_PREFIX) ? stored.slice(DOVECOT_PREFIX.length) : stored;
  try {
    return await verify(phc, password.normalize("NFC"));
  } catch {
    return false;
  }
}

// Verifying against this when an account does not exist keeps the response time the same,
// so timing does not tell which customer numbers exist.
let dummy: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword("not-a-real-password-" + Math.random());
  await verifyPassword(await dummy, password);
}
