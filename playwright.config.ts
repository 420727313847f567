import { defineConfig, devices } from "@playwright/test";
import { E2E } from "./e2e/config";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  // Screenshots (e2e/visual.spec.ts) live beside the tests, one file per page, width and language;
  // in CI a missing one is a failure, never written silently.
  snapshotPathTemplate: "{testDir}/__screenshots__/{arg}{ext}",
  updateSnapshots: process.env.CI ? "none" : "missing",
  expect: { toHaveScreenshot: { animations: "disabled", caret: "hide", maxDiffPixelRatio: 0.002 } },
  timeout: 60_000,
  use: {
    baseURL: E2E.baseUrl,
    trace: "retain-on-failure",
    locale: "nb-NO",
    timezoneId: "Europe/Oslo",
    launchOptions: {
      // Debian's Chromium (npx playwright install cannot download browsers on this network).
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // Without these, Chromium tries to reach outside hosts at every start on a closed network.
      args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      testIgnore: /(mobile|lifecycle|secrets|resilience|visual)\.spec\.ts/,
    },
    { name: "phone", use: { ...devices["Pixel 7"], channel: undefined }, testMatch: /mobile\.spec\.ts/ },
    // Moves the portal's clock (months, not seconds), which every test shares: after all the
    // others, one test at a time.
    {
      name: "lifecycle",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      testMatch: /lifecycle\.spec\.ts/,
      dependencies: ["desktop", "phone"],
      workers: 1,
    },
    // Screenshots on a clock of their own (a fixed day): after the lifecycle's months, one at a time.
    {
      name: "visual-desktop",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      testMatch: /visual\.spec\.ts/,
      dependencies: ["lifecycle"],
    },
    {
      name: "visual-phone",
      use: { ...devices["Pixel 7"], channel: undefined },
      testMatch: /visual\.spec\.ts/,
      dependencies: ["visual-desktop"],
    },
    // Reads what the whole run wrote (audit, e-mail, logs) for secrets: last.
    {
      name: "secrets",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      testMatch: /secrets\.spec\.ts/,
      dependencies: ["visual-phone"],
    },
    // Starts a portal of its own and kills its database: after everything else.
    {
      name: "resilience",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      testMatch: /resilience\.spec\.ts/,
      dependencies: ["secrets"],
    },
  ],
  webServer: {
    command: "node --experimental-wasm-modules --no-warnings --import tsx e2e/server.ts",
    url: `${E2E.baseUrl}/om-tjenesten`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
