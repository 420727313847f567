// argon2 on threads of the lowest CPU priority (nice 19): when the machine is busy, the pages that
// hash nothing get the cores first, and password checks take what is left (issue 14). Linux keeps a
// nice value per thread, so each thread lowers its own; argon2 runs there synchronously.
import { Worker } from "node:worker_threads";

export type PasswordJob = { op: "hash"; password: string; options: object } | { op: "verify"; phc: string; password: string };

// Plain JavaScript, evaluated as the thread's whole program: nothing for a bundler to touch.
const SOURCE = `
const { parentPort } = require("node:worker_threads");
try {
  const tid = Number(require("node:fs").readlinkSync("/proc/thread-self").split("/").pop());
  require("node:os").setPriority(tid, 19);
} catch {}
const { hashSync, verifySync } = require("@node-rs/argon2");
parentPort.on("message", (job) => {
  try {
    const value = job.op === "hash" ? hashSync(job.password, job.options) : verifySync(job.phc, job.password);
    parentPort.postMessage({ value });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
});`;

const idle: Worker[] = [];

/** Runs one job on an idle thread (made when none is idle; the caller bounds how many run). */
export async function onPasswordThread<T>(job: PasswordJob): Promise<T> {
  const thread = idle.pop() ?? new Worker(SOURCE, { eval: true });
  thread.unref();
  try {
    return await new Promise<T>((resolve, reject) => {
      thread.once("message", (reply: { value?: T; error?: string }) =>
        reply.error === undefined ? resolve(reply.value as T) : reject(new Error(reply.error)),
      );
      thread.once("error", reject);
      thread.postMessage(job);
    });
  } finally {
    thread.removeAllListeners("message");
    thread.removeAllListeners("error");
    idle.push(thread);
  }
}
