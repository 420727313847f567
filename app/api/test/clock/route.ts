// POST /api/test/clock {"at": "ISO-8601"} — moves the portal's time (test mode only; everywhere
// else this route does not exist). End-to-end tests use it to live through months in seconds.
import { z } from "zod";
import { db } from "@/lib/db";
import { setTestClock, testModeEnabled } from "@/lib/test-clock";
import { readBodyUpTo } from "@/lib/http/body";
import { POLICY } from "@/lib/policy";

const body = z.object({ at: z.iso.datetime({ offset: true }) });

export async function POST(request: Request) {
  if (!testModeEnabled()) return new Response("Not Found", { status: 404 });
  const raw = await readBodyUpTo(request, POLICY.http.smallBodyBytes);
  if (!raw) return Response.json({ error: "tooLarge" }, { status: 413 });
  let value: unknown = null;
  try {
    value = JSON.parse(new TextDecoder().decode(raw));
  } catch {}
  const parsed = body.safeParse(value);
  if (!parsed.success) return Response.json({ error: "expected {at: ISO-8601}" }, { status: 400 });
  await setTestClock(db(), new Date(parsed.data.at));
  return Response.json({ now: parsed.data.at });
}
