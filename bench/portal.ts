// The portal as the HTTP benchmarks run it: a fresh embedded PostgreSQL with the demo data, a
// production build, and the production server as `npm start` runs it (one worker per core).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../scripts/db/embedded.ts";
import { applyMigrations, ROOT } from "../scripts/db/migrations.ts";
import { seedDemo } from "../scripts/db/seed.ts";
import { createPrismaClient } from "@/lib/db";
import { first } from "@/test/lists";

export async function startBenchPortal(options: { port: number; dbPort: number; env?: Record<string, string> }) {
  const base = `http://localhost:${options.port}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), "msp-bench-pg-"));
  const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: options.dbPort, quiet: true });
  await db.ensureDatabase("bench");
  await applyMigrations(db.url("bench"));
  const prisma = createPrismaClient(db.url("bench"));
  await seedDemo(prisma);
  await prisma.$disconnect();

  const env = {
    ...process.env,
    DATABASE_URL: db.url("bench"),
    NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret",
    NEXTAUTH_URL: base,
    NEXT_TELEMETRY_DISABLED: "1",
    TOTP_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
    ...options.env,
  };
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    console.log("next build …");
    const build = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
      cwd: ROOT,
      env,
      stdio: "ignore",
    });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const server = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/serve.ts")], {
    cwd: ROOT,
    env: { ...env, PORT: String(options.port), NODE_ENV: "production" },
    stdio: "ignore",
    detached: true,
  });
  const stop = async () => {
    // The whole process group: the cluster's primary and its workers.
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
    await db.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/om-tjenesten`)).ok) break;
      } catch {
        if (i > 120) throw new Error("server did not start");
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    base,
    stop,
    login: (identifier: string, password: string, headers: Record<string, string> = {}, csrf?: Awaited<ReturnType<typeof csrfOf>>) =>
      login(base, identifier, password, headers, csrf),
  };
}

/** next-auth's CSRF token and its cookie, which a client may use for many logins. */
export async function csrfOf(base: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/api/auth/csrf`, { headers });
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { csrfToken, setCookies: res.headers.getSetCookie() };
}

/** next-auth's credentials login, as the form does it: the cookies, and the error it answered, if any. */
export async function login(
  base: string,
  identifier: string,
  password: string,
  headers: Record<string, string> = {},
  csrf?: Awaited<ReturnType<typeof csrfOf>>,
) {
  const { csrfToken, setCookies } = csrf ?? (await csrfOf(base, headers));
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const pair = first(c.split(";"));
      const [name = "", ...value] = pair.split("=");
      jar.set(name, value.join("="));
    }
  };
  for (const c of setCookies) {
    const pair = first(c.split(";"));
    const [name = "", ...value] = pair.split("=");
    jar.set(name, value.join("="));
  }
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${base}/api/auth/callback/customer`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, identifier, password, json: "true" }),
  });
  keep(res);
  const url = ((await res.json().catch(() => ({}))) as { url?: string }).url ?? "";
  return { cookie: cookie(), status: res.status, error: new URL(url, base).searchParams.get("error") };
}
