// `npm run bench:http`: the mailbox page under load, next to a static page of the same server.
// Builds and starts the production server on a fresh embedded PostgreSQL with the demo data, logs
// in the demo customer with 5 mailboxes, and runs autocannon at 10 and 50 connections.
// Prints requests/s, p50 and p99 for both pages, the ratio, and the page's first-load JavaScript.
// Targets (issue 2, on a 2-core machine): p99 ≤ 150 ms at 50 connections; throughput ≥ 1/5 of
// the static page's; first-load JS ≤ 150 KB gzipped.
import os from "node:os";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { DEMO_PASSWORD } from "../scripts/db/seed.ts";
import { startBenchPortal } from "./portal.ts";

const PORT = Number(process.env.BENCH_PORT ?? 3200);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const MAILBOX_PAGE = "/mine-sider/internett/e-postkontoer";
const STATIC_PAGE = "/om-tjenesten";
// A dynamic page that touches no data (the front page, signed out): the framework's own floor.
const FLOOR_PAGE = "/";

const portal = await startBenchPortal({ port: PORT, dbPort: Number(process.env.BENCH_DB_PORT ?? 25440) });
const BASE = portal.base;

try {
  const { cookie } = await portal.login("10000002", DEMO_PASSWORD);
  const check = await fetch(BASE + MAILBOX_PAGE, { headers: { cookie }, redirect: "manual" });
  const html = await check.text();
  if (check.status !== 200 || !html.includes("5 av 5 aktive kontoer")) throw new Error(`login for the benchmark failed (${check.status})`);

  const js = await firstLoadJs(html);
  const rows: { page: string; connections: number; rps: number; p50: number; p99: number; non2xx: number }[] = [];
  for (const connections of [10, 50]) {
    for (const [page, headers] of [
      [MAILBOX_PAGE, { cookie }],
      [STATIC_PAGE, {}],
    ] as const) {
      await run(page, headers, 1, 2); // warm-up
      const r = await run(page, headers, connections, DURATION);
      rows.push({ page, connections, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx });
    }
  }
  await run(FLOOR_PAGE, {}, 1, 2);
  const floor = await run(FLOOR_PAGE, {}, 50, DURATION);
  rows.push({
    page: `${FLOOR_PAGE} (dynamic, no data)`,
    connections: 50,
    rps: floor.requests.average,
    p50: floor.latency.p50,
    p99: floor.latency.p99,
    non2xx: floor.non2xx,
  });

  console.log(`\nHTTP benchmark, ${os.cpus().length} cores, ${DURATION} s per run (autocannon)\n`);
  console.log("page                                   conns    req/s    p50 ms    p99 ms   non-2xx");
  for (const r of rows) {
    console.log(
      `${r.page.padEnd(38)} ${String(r.connections).padStart(5)} ${r.rps.toFixed(0).padStart(8)} ${r.p50.toFixed(0).padStart(9)} ${r.p99.toFixed(0).padStart(9)} ${String(r.non2xx).padStart(9)}`,
    );
  }
  const at50 = (page: string) => rows.find((r) => r.page === page && r.connections === 50)!;
  const ratio = at50(MAILBOX_PAGE).rps / at50(STATIC_PAGE).rps;
  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  console.log(
    `\nmailbox page p99 at 50 connections: ${at50(MAILBOX_PAGE).p99} ms (target ≤ 150 ms: ${verdict(at50(MAILBOX_PAGE).p99 <= 150)})`,
  );
  console.log(`throughput mailbox/static at 50 connections: ${ratio.toFixed(2)} (target ≥ 0.20: ${verdict(ratio >= 0.2)})`);
  const floorRatio = at50(`${FLOOR_PAGE} (dynamic, no data)`).rps / at50(STATIC_PAGE).rps;
  console.log(
    `for reference, a dynamic page with no data at all / static: ${floorRatio.toFixed(2)}; mailbox page / that page: ${(at50(MAILBOX_PAGE).rps / at50(`${FLOOR_PAGE} (dynamic, no data)`).rps).toFixed(2)}`,
  );
  console.log(
    `mailbox page first-load JavaScript: ${(js.gzipped / 1024).toFixed(1)} KB gzipped, ${(js.raw / 1024).toFixed(1)} KB raw, ${js.files} files (target ≤ 150 KB: ${verdict(js.gzipped / 1024 <= 150)})`,
  );
} finally {
  await portal.stop();
}

async function firstLoadJs(html: string) {
  // Scripts marked noModule (the legacy polyfills) are never fetched by a current browser.
  const tags = [...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]).filter((tag) => !/nomodule/i.test(tag));
  const srcs = [...new Set(tags.map((tag) => /src="([^"]+\.js[^"]*)"/.exec(tag)?.[1]).filter((s): s is string => !!s))];
  let raw = 0;
  let gzipped = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, BASE))).arrayBuffer());
    raw += body.length;
    gzipped += gzipSync(body).length;
  }
  return { raw, gzipped, files: srcs.length };
}

function run(page: string, headers: Record<string, string>, connections: number, duration: number) {
  return autocannon({ url: BASE + page, connections, duration, headers });
}
