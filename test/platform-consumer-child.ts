// A consumer of the mail platform's events that is killed mid-event (lib/mail-platform/events.test.ts):
// it claims with a short lease against a backend that never answers, says so, and waits there.
import { createPrismaClient } from "@/lib/db";
import { applyPlatformEvents } from "@/lib/mail-platform/events";
import { args } from "@/test/lists";

const [url, backendUrl] = args("database url", "backend url");
const db = createPrismaClient(url);
process.send?.("claiming");
await applyPlatformEvents(db, [{ name: "stuck", url: backendUrl, apiKey: "unused-key" }], { consumer: "doomed", leaseSeconds: 2 });
