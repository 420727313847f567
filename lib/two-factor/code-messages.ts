// A refused two-factor code, in words: one mapping for every form that asks for a code.
import type { Messages } from "@/lib/i18n/nb";

export type CodeErrorCode = "code.required" | "code.malformed" | "code.wrong" | "code.replayed";

export function codeErrorMessage(m: Messages, code: CodeErrorCode): string {
  return code === "code.required"
    ? m.twoFactor.codeRequired
    : m.twoFactor.codeErrors[code.slice(5) as keyof Messages["twoFactor"]["codeErrors"]];
}
