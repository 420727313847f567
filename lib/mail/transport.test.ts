// The portal's SMTP client against real SMTP servers: its own connections (Nagle off; the speed
// is measured by bench:lifecycle's delivery figure) still carry login with the URL's
// percent-encoded credentials over implicit TLS (smtps://) and STARTTLS.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

describe("smtpTransport", () => {
  for (const scheme of ["smtps", "smtp"]) {
    it(`logs in and sends over ${scheme === "smtps" ? "implicit TLS" : "STARTTLS"} with the URL's credentials`, () => {
      const out = execFileSync(process.execPath, ["--import", "tsx", "test/smtp-tls-child.ts", scheme], {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, NODE_EXTRA_CA_CERTS: path.join(root, "test/fixtures/smtp-tls/localhost.cert.pem") },
      });
      expect(JSON.parse(out.trim().split("\n").at(-1)!)).toEqual(["login utsender@altibox.no påss:ord tls=true", "message tls=true"]);
    });
  }
});
