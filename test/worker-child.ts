// A worker process for the liveness test: graphile-worker with the portal's liveness lock, and a
// task that never ends, until the test kills the process.
import { EventEmitter } from "node:events";
import { run, type WorkerEvents } from "graphile-worker";
import { holdWorkerLiveness } from "@/lib/jobs/liveness";
import { args } from "@/test/lists";

const [url] = args("database url");
const events: WorkerEvents = new EventEmitter();
const liveness = await holdWorkerLiveness(url, events);
await run({
  connectionString: url,
  concurrency: 1,
  pollInterval: 100,
  noHandleSignals: true,
  events,
  taskList: { hang: () => new Promise(() => {}) },
});
await liveness.ready();
process.send?.("ready");
