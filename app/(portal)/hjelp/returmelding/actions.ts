"use server";
// The bounce explainer's action: the pasted text or the uploaded file, size-checked, explained.
import { explainBounce, type BounceExplanation } from "@/lib/bounces/explain";
import { getMessages } from "@/lib/i18n/server";

export type BounceState = { error?: string; explanation?: BounceExplanation };

const MAX_BYTES = 1_000_000;

export async function explainBounceAction(_prev: BounceState, form: FormData): Promise<BounceState> {
  const m = await getMessages();
  const pasted = form.get("bounce");
  const file = form.get("file");
  let raw = typeof pasted === "string" ? pasted : "";
  if (!raw.trim() && file instanceof File && file.size > 0) {
    if (file.size > MAX_BYTES) return { error: m.bounces.tooLarge };
    raw = await file.text();
  }
  if (!raw.trim()) return { error: m.bounces.empty };
  if (raw.length > MAX_BYTES) return { error: m.bounces.tooLarge };
  return { explanation: await explainBounce(raw) };
}
