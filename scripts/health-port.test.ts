// The policy server as it runs in production (issue 19): its health port says ready once it
// listens, and SIGTERM makes it leave cleanly.
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import { freePort } from "@/test/global-setup";

let url: string;
let close: () => Promise<void>;
beforeAll(async () => ({ url, close } = await freshDatabase()));
afterAll(() => close());

it("the policy server answers /healthz, /readyz and /metrics on HEALTH_PORT and exits on SIGTERM", { timeout: 60_000 }, async () => {
  const [policyPort, healthPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve(import.meta.dirname, "policy-server.ts")], {
    env: { ...process.env, DATABASE_URL: url, POLICY_PORT: String(policyPort), HEALTH_PORT: String(healthPort) },
    stdio: "ignore",
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const status = async (p: string) => (await fetch(`http://127.0.0.1:${healthPort}${p}`).catch(() => null))?.status;
  await expect.poll(() => status("/readyz"), { timeout: 30_000, interval: 200 }).toBe(200);
  expect(await status("/healthz")).toBe(200);
  // One decision as Postfix asks for it, then its figure on /metrics.
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(policyPort, "127.0.0.1", () =>
      socket.write(
        "request=smtpd_access_policy\nprotocol_state=RCPT\nsasl_username=ingen@altibox.no\nsender=ingen@altibox.no\nrecipient=x@example.test\n\n",
      ),
    );
    socket.setEncoding("utf8").once("data", (data: string) => (socket.end(), resolve(data)));
    socket.once("error", reject);
  });
  expect(answer).toMatch(/^action=/);
  const text = await (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).text();
  expect(text).toMatch(/^portal_policy_decision_seconds_count\{verdict="[A-Z_]+"\} 1$/m);
  child.kill("SIGTERM");
  expect(await exited).toBe(0);
});
