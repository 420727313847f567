// A worker process for the crash test: delivers the outbox once, and after the SMTP server has
// accepted a message it tells the test and hangs before it can mark it sent, until it is killed.
import { createPrismaClient } from "@/lib/db";
import { fixedClock } from "@/lib/clock";
import { deliverDueMail } from "@/lib/mail/delivery";
import { smtpTransport } from "@/lib/mail/transport";
import { args } from "@/test/lists";

const [url, smtpUrl, at] = args("database url", "smtp url", "delivery time");
const real = smtpTransport(smtpUrl);
const config = {
  from: "Altibox <ikke-svar@altibox.no>",
  brand: "Altibox",
  mailboxesUrl: "http://localhost:3000/mine-sider/internett/e-postkontoer",
};
await deliverDueMail(
  createPrismaClient(url),
  {
    ...real,
    async send(message) {
      await real.send(message);
      process.send?.("sent");
      await new Promise(() => {});
    },
  },
  fixedClock(at),
  config,
);
