// `npm run worker`: the background worker (lifecycle sweep every 15 minutes, mail delivery every
// minute). `npm start` starts one beside the portal; more may run on other machines. Needs the
// same environment as the portal (DATABASE_URL, SMTP_URL, …).
import { run } from "graphile-worker";
import { assertTestModeIsSafe, requestClock } from "@/lib/test-clock";
import { createPrismaClient } from "@/lib/db";
import { commerceConfig, env, mailConfig } from "@/lib/env";
import { crontab, taskList } from "@/lib/jobs/tasks";
import { smtpTransport } from "@/lib/mail/transport";

const config = env();
if (!config.SMTP_URL) {
  console.error("SMTP_URL må være satt for arbeideren (npm start setter den til den lokale SMTP-mottakeren).");
  process.exit(2);
}
assertTestModeIsSafe(config.DATABASE_URL);
const db = createPrismaClient(config.DATABASE_URL);
const transport = smtpTransport(config.SMTP_URL);
const runner = await run({
  connectionString: config.DATABASE_URL,
  concurrency: 2,
  pollInterval: 2000,
  crontab,
  taskList: taskList({
    db,
    clock: () => requestClock(db),
    transport,
    mail: mailConfig(),
    commerce: commerceConfig(),
  }),
});
// One sweep right away, so a worker that was down catches up now rather than at the next quarter.
await runner.addJob("lifecycle_sweep", {}, { jobKey: "lifecycle_sweep_at_start" });
console.log("✓ Arbeideren kjører (livssyklus og frister hvert kvarter, e-post hvert minutt, fakturaer den 1. i måneden, karanterapporter hver morgen).");
await runner.promise;
transport.close();
await db.$disconnect();
