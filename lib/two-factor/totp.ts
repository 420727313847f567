// TOTP for two-factor login (R-SEC-1): RFC 6238 with SHA-1, 6 digits, 30-second steps, as Google
// and Microsoft Authenticator expect; codes one step either side are accepted, and each time
// step only once (RFC 6238 §5.2: the last accepted step is kept per account).
import { generateSecret, generateURI, verify } from "otplib/functional";

export const TOTP = { digits: 6, period: 30, secretBytes: 20 } as const;

/** 160 random bits from the operating system's CSPRNG, base32 for the apps. */
export function newTotpSecret(): string {
  return generateSecret({ length: TOTP.secretBytes });
}

export function otpauthUri(issuer: string, account: string, secret: string): string {
  return generateURI({ issuer, label: account, secret, algorithm: "sha1", digits: TOTP.digits, period: TOTP.period });
}

/** The key as people type it: groups of four. */
export function groupedKey(secret: string): string {
  return secret.replace(/(.{4})/g, "$1 ").trim();
}

export type CodeCheck = { ok: true; timeStep: number } | { ok: false; reason: "malformed" | "wrong" | "replayed" };

/**
 * Decision: apps show codes as "123 456", so one space in the middle (and white space around)
 * is accepted; letters, other lengths or other white space are malformed.
 */
export function normaliseCode(input: string): string | null {
  const code = input.trim().replace(/^(\d{3}) (\d{3})$/, "$1$2");
  return /^\d{6}$/.test(code) ? code : null;
}

export async function checkTotpCode(secret: string, input: string, now: Date, lastTimeStep: number | null): Promise<CodeCheck> {
  const token = normaliseCode(input);
  if (!token) return { ok: false, reason: "malformed" };
  const base = {
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOTP.period,
    period: TOTP.period,
    digits: TOTP.digits,
    algorithm: "sha1" as const,
  };
  const result = await verify(lastTimeStep === null ? base : { ...base, afterTimeStep: lastTimeStep });
  if (result.valid && "timeStep" in result && typeof result.timeStep === "number") return { ok: true, timeStep: result.timeStep };
  if (lastTimeStep !== null && (await verify(base)).valid) return { ok: false, reason: "replayed" };
  return { ok: false, reason: "wrong" };
}
