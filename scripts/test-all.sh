#!/usr/bin/env bash
# `npm test`: everything a reviewer runs — typecheck, lint, format check, unit and integration tests
# against an embedded PostgreSQL, and end-to-end tests in Chromium — then one closing count.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p reports
status=0

# The project's own Node.js (the `node` package, issue 19), whatever the system has.
echo "Node.js $(node --version) ($(command -v node))"
bash scripts/ensure-chromium.sh || exit 1
bash scripts/ensure-mail-servers.sh || status=1
npm run --silent typecheck || status=1
npm run --silent lint || status=1
npm run --silent format:check || status=1
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json || status=1
PLAYWRIGHT_JSON_OUTPUT_NAME=reports/playwright.json npx playwright test --reporter=list,json || status=1

node -e '
const fs = require("fs");
const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return null; } };
const v = read("reports/vitest.json");
const p = read("reports/playwright.json");
const passed = (v?.numPassedTests ?? 0) + (p?.stats?.expected ?? 0);
const failed = (v ? v.numFailedTests : 1) + (p ? (p.stats.unexpected ?? 0) + (p.stats.flaky ?? 0) : 1);
const skipped = (v?.numPendingTests ?? 0) + (p?.stats?.skipped ?? 0);
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped (Node.js ${process.version})`);
if (failed > 0) process.exitCode = 1;
' || status=1
exit $status
