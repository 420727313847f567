import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects: tests that need PostgreSQL (they use test/db.ts) get the embedded server that
// test/global-setup.ts starts; pure tests start nothing, so `npm run test:unit -- lib/x/rules.test.ts`
// answers in a second.
const ALL = ["lib/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts"];
const testFiles = ["lib", "test", "scripts"].flatMap((dir) =>
  readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".test.ts") && !f.startsWith("generated"))
    .map((f) => path.join(dir, f)),
);
const needsDatabase = testFiles.filter((file) => readFileSync(file, "utf8").includes("@/test/db"));
const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: files run two at a time, each in its own database.
    maxWorkers: 2,
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ALL, exclude: needsDatabase, environment: "node" } },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: needsDatabase,
          globalSetup: ["test/global-setup.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
