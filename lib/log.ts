// The one logger of every process (issue 19): one JSON line per event (pino) with the time, level,
// process, and what the caller adds (request id, actor kind and id); `LOG_FORMAT=pretty` (set by
// `npm run dev`) prints the same events for people. Secrets never reach it: callers log ids, never
// values, and the fields that could hold one are blanked all the same.
import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";

/** Field names whose values are never written, at the top level or one object down. */
const SECRET_FIELDS = ["password", "passwordHash", "token", "secret", "authorization", "cookie", "code", "key"];

export function createLogger(destination?: DestinationStream): Logger {
  const human = !destination && process.env.LOG_FORMAT === "pretty";
  return pino(
    {
      level: process.env.LOG_LEVEL ?? "info",
      // PORTAL_PROCESS: web, worker or policy, set by each process's script before its first line.
      base: { process: process.env.PORTAL_PROCESS ?? "portal", pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]), censor: "[skjult]" },
    },
    destination ??
      (human ? pretty({ translateTime: "HH:MM:ss", ignore: "pid,hostname", sync: true }) : pino.destination({ dest: 1, sync: true })),
  );
}

const globalForLog = globalThis as unknown as { portalLog?: Logger };

/** This process's logger (one per process, also when Next.js bundles a second copy of this module). */
export function log(): Logger {
  globalForLog.portalLog ??= createLogger();
  return globalForLog.portalLog;
}
