// .data/secrets.json: the secrets the embedded default makes once and keeps between runs (never
// used with an operator's own configuration). Each script keeps its own keys and leaves the
// others' as they are, so `npm start` and `npm run mail-platform` share the file.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./db/migrations.ts";

const DATA_DIR = path.join(ROOT, ".data");
const FILE = path.join(DATA_DIR, "secrets.json");

/** A fresh random secret: `bytes` bytes, base64url (or base64 where a key must be). */
export const freshSecret =
  (bytes = 32, encoding: "base64url" | "base64" = "base64url") =>
  () =>
    randomBytes(bytes).toString(encoding);

/** The named secrets: as kept, or made now by their maker and kept from now on. */
export function keptSecrets<K extends string>(makers: Record<K, () => string>): Record<K, string> {
  const kept = existsSync(FILE) ? (JSON.parse(readFileSync(FILE, "utf8")) as Record<string, unknown>) : {};
  const secrets = Object.fromEntries(
    (Object.keys(makers) as K[]).map((name) => {
      const value = kept[name];
      return [name, typeof value === "string" ? value : makers[name]()];
    }),
  ) as Record<K, string>;
  mkdirSync(DATA_DIR, { recursive: true });
  writeFileSync(FILE, JSON.stringify({ ...kept, ...secrets }, null, 2), { mode: 0o600 });
  return secrets;
}
