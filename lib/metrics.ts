// The processes' metrics in Prometheus's format (issue 19, prom-client): one set per process,
// created once (also when Next.js bundles a second copy of this module: prom-client is an external
// package, so its registry is one per process), updated where the thing happens. The web tier's
// cluster primary serves the sum of its workers on METRICS_PORT; the worker and the policy server
// on their health port (`/metrics`). Labels are bounded: routes are the app's route patterns.
import cluster from "node:cluster";
import client from "prom-client";

function created() {
  client.collectDefaultMetrics();
  // In a web worker of the cluster: answer the primary's requests for this worker's figures.
  if (cluster.isWorker) new client.AggregatorRegistry();
  const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  return {
    httpDuration: new client.Histogram({
      name: "http_request_duration_seconds",
      help: "HTTP requests by route pattern, method and status",
      labelNames: ["route", "method", "status"] as const,
      buckets: seconds,
    }),
    logins: new client.Counter({
      name: "portal_logins_total",
      help: "Logins by kind of account and outcome",
      labelNames: ["kind", "outcome"] as const,
    }),
    passwordWork: new client.Gauge({
      name: "portal_password_work",
      help: "Password hashing and verification (argon2id): running, and waiting for a slot",
      labelNames: ["state"] as const,
    }),
    deliveries: new client.Counter({
      name: "portal_mail_deliveries_total",
      help: "Attempts to deliver the portal's e-mail by outcome",
      labelNames: ["outcome"] as const,
    }),
    sweepDuration: new client.Histogram({ name: "portal_sweep_duration_seconds", help: "Lifecycle sweeps", buckets: seconds }),
    sweepTransitions: new client.Counter({
      name: "portal_sweep_transitions_total",
      help: "What the lifecycle sweeps did, by kind",
      labelNames: ["transition"] as const,
    }),
    policyDecisions: new client.Histogram({
      name: "portal_policy_decision_seconds",
      help: "Sending-limit decisions for Postfix by verdict",
      labelNames: ["verdict"] as const,
      buckets: seconds,
    }),
  };
}

type Metrics = ReturnType<typeof created>;
const globalForMetrics = globalThis as unknown as {
  portalMetrics?: Metrics;
  aggregator?: client.AggregatorRegistry<client.RegistryContentType>;
};

export function metrics(): Metrics {
  globalForMetrics.portalMetrics ??= created();
  return globalForMetrics.portalMetrics;
}

/** Gauges read when scraped (the worker's queues), from a function that measures them all at once. */
export function gaugesOnScrape<K extends string>(
  names: Record<K, { name: string; help: string }>,
  measure: () => Promise<Record<K, number>>,
) {
  let pending: Promise<Record<K, number>> | null = null;
  // One measurement per scrape, however many gauges ask.
  const once = () => (pending ??= measure().finally(() => setTimeout(() => (pending = null), 0)));
  for (const key of Object.keys(names) as K[]) {
    const existing = client.register.getSingleMetric(names[key].name);
    if (existing) continue;
    new client.Gauge({
      ...names[key],
      async collect() {
        this.set((await once())[key]);
      },
    });
  }
}

/** The Prometheus text of this process. */
export function metricsText(): Promise<string> {
  return client.register.metrics();
}

export const METRICS_CONTENT_TYPE = client.register.contentType;

/**
 * A request's route label: the app's route pattern it matches (from Next.js's manifest, so the
 * label set is bounded), `/_next/static` for the build's files, or `other`.
 */
export function routeLabeller(patterns: string[]): (pathname: string) => string {
  // Fixed segments before placeholders (/ny before /[id]), catch-alls last.
  const weight = (p: string) => (p.includes("[...") ? 100 : (p.match(/\[/g)?.length ?? 0));
  const compiled = patterns
    .map((p) => {
      const source = p
        .split("/")
        .map((seg) => (seg.startsWith("[...") ? ".+" : seg.startsWith("[") ? "[^/]+" : seg.replace(/[.*+?^${}()|\\]/g, "\\$&")))
        .join("/");
      return { p, re: new RegExp(`^${source}/?$`) };
    })
    .sort((a, b) => weight(a.p) - weight(b.p));
  return (pathname) => {
    if (pathname.startsWith("/_next/")) return "/_next/static";
    if (pathname === "/healthz" || pathname === "/readyz") return pathname;
    return compiled.find(({ re }) => re.test(pathname))?.p ?? "other";
  };
}

/** The sum over a cluster's workers, asked from the primary (prom-client's cluster messages). */
export function clusterMetricsText(): Promise<string> {
  globalForMetrics.aggregator ??= new client.AggregatorRegistry();
  return globalForMetrics.aggregator.clusterMetrics();
}
