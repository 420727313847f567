"use server";
// The bounce explainer's action: the pasted text or the uploaded file, size-checked, explained.
import { z } from "zod";
import { publicAction } from "@/lib/actions/pipeline";
import { explainBounce, type BounceState } from "@/lib/bounces/explain";
import { fail, ok } from "@/lib/errors/domain";
import { POLICY } from "@/lib/policy";

const MAX_BYTES = POLICY.bounces.maxBytes;

export const explainBounceAction = publicAction({
  schema: z.object({ bounce: z.string().optional() }),
  run: async (_ctx, input, form) => {
    let raw = input.bounce ?? "";
    const file = form.get("file");
    if (!raw.trim() && file instanceof File && file.size > 0) {
      if (file.size > MAX_BYTES) return fail("tooLarge");
      raw = await file.text();
    }
    if (!raw.trim()) return fail("empty");
    if (raw.length > MAX_BYTES) return fail("tooLarge");
    return ok(await explainBounce(raw));
  },
  message: (m, code: "empty" | "tooLarge") => m.bounces[code],
  done: (explanation): BounceState => ({ explanation }),
});
