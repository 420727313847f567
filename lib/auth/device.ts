// "This browser has signed in to this account before": an HMAC-signed cookie, so the per-account
// login block can spare the owner's own browsers (lib/auth/throttle.ts).
import { createHmac, timingSafeEqual } from "node:crypto";

export const DEVICE_COOKIE = "msp-device";

function sign(secret: string, value: string) {
  return createHmac("sha256", secret).update(`device:${value}`).digest("base64url");
}

export function deviceToken(secret: string, accountKey: string): string {
  const body = Buffer.from(accountKey).toString("base64url");
  return `${body}.${sign(secret, accountKey)}`;
}

export function isKnownDevice(secret: string, token: string | undefined, accountKey: string): boolean {
  if (!token) return false;
  // One cookie may remember several accounts of a shared family computer.
  return token.split(" ").some((part) => {
    const [body, mac] = part.split(".");
    if (!body || !mac) return false;
    if (Buffer.from(body, "base64url").toString() !== accountKey) return false;
    const expected = Buffer.from(sign(secret, accountKey));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

export function rememberDevice(secret: string, existing: string | undefined, accountKey: string): string {
  const others = (existing ?? "").split(" ").filter((p) => p && !isKnownDevice(secret, p, accountKey));
  return [...others.slice(-4), deviceToken(secret, accountKey)].join(" ");
}
