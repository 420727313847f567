// The test-only clock moves time in test mode, and does not exist anywhere else.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/db";
import type { Db } from "@/lib/db";
import { assertTestModeIsSafe, requestClock, setTestClock } from "@/lib/test-clock";
import { systemClock } from "@/lib/clock";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await freshDatabase()));
afterAll(() => close());
afterEach(() => {
  delete process.env.PORTAL_TEST_MODE;
});

describe("the test clock", () => {
  it("moves the time of requests and jobs in test mode", async () => {
    process.env.PORTAL_TEST_MODE = "1";
    const target = new Date(Date.now() + 200 * 86_400_000);
    await setTestClock(db, target);
    const now = (await requestClock(db)).now();
    expect(Math.abs(now.getTime() - target.getTime())).toBeLessThan(5_000);
  });

  it("is ignored and cannot be set outside test mode", async () => {
    expect(await requestClock(db)).toBe(systemClock);
    await expect(setTestClock(db, new Date())).rejects.toThrow("only in test mode");
  });

  it("has no route outside test mode", async () => {
    const { POST } = await import("@/app/api/test/clock/route");
    const response = await POST(
      new Request("http://localhost/api/test/clock", { method: "POST", body: JSON.stringify({ at: "2030-01-01T00:00:00Z" }) }),
    );
    expect(response.status).toBe(404);
  });

  it("refuses test mode against a database on another machine", () => {
    process.env.PORTAL_TEST_MODE = "1";
    expect(() => assertTestModeIsSafe("postgresql://u:p@db.example.com:5432/portal")).toThrow("lokal database");
    expect(() => assertTestModeIsSafe("postgresql://u:p@127.0.0.1:5432/portal")).not.toThrow();
    delete process.env.PORTAL_TEST_MODE;
    expect(() => assertTestModeIsSafe("postgresql://u:p@db.example.com:5432/portal")).not.toThrow();
  });
});
