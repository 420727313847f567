// Starts Debian's Dovecot and Postfix on the rendered configuration (lib/mail-platform/config.ts),
// in the foreground of this process, and stops them again: for `npm run mail-platform` and the
// tests that drive the real servers. Postfix must be started as root (it drops to its own user).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { renderMailPlatform, type MailPlatformConfig } from "@/lib/mail-platform/config";

/** The Debian packages the shipped configuration is written for (README, .ci/run). */
export const MAIL_PACKAGES = [
  "dovecot-imapd",
  "dovecot-pop3d",
  "dovecot-lmtpd",
  "dovecot-pgsql",
  "dovecot-auth-lua",
  "postfix",
  "postfix-pgsql",
] as const;

const DOVECOT = "/usr/sbin/dovecot";
const POSTFIX = "/usr/sbin/postfix";
/** What each package adds that the configuration uses, to name a missing package before a server fails on it. */
const INSTALLED_BY: [string, (typeof MAIL_PACKAGES)[number]][] = [
  [DOVECOT, "dovecot-imapd"],
  ["/usr/lib/dovecot/imap", "dovecot-imapd"],
  ["/usr/lib/dovecot/pop3", "dovecot-pop3d"],
  ["/usr/lib/dovecot/lmtp", "dovecot-lmtpd"],
  ["/usr/lib/dovecot/modules/auth/libdriver_pgsql.so", "dovecot-pgsql"],
  ["/usr/lib/dovecot/modules/auth/libauthdb_lua.so", "dovecot-auth-lua"],
  [POSTFIX, "postfix"],
  ["/usr/lib/postfix/postfix-pgsql.so", "postfix-pgsql"],
];

export class MailServersMissing extends Error {
  constructor(what: string) {
    super(`${what}. Installer Debian-pakkene: sudo apt-get install ${MAIL_PACKAGES.join(" ")}`);
  }
}

/**
 * The system users the servers run as: Debian's own. Mail files belong to `dovecot` here; in
 * production a dedicated user is better (docs/mail-platform.md).
 */
export function systemUsers(): MailPlatformConfig["users"] {
  const dovecot = lookupUser("dovecot");
  return {
    internal: "dovecot",
    internalGroup: "dovecot",
    login: "dovenull",
    mail: { name: "dovecot", group: "dovecot", uid: dovecot.uid, gid: dovecot.gid },
  };
}

/** A line of /etc/passwd or /etc/group by name, split at its colons. */
function systemEntry(file: "/etc/passwd" | "/etc/group", name: string): string[] {
  const line = readFileSync(file, "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new MailServersMissing(`Fant ikke ${file === "/etc/passwd" ? "systembrukeren" : "systemgruppen"} ${name}`);
  return line.split(":");
}

function lookupUser(name: string): { uid: number; gid: number } {
  const [, , uid, gid] = systemEntry("/etc/passwd", name);
  return { uid: Number(uid), gid: Number(gid) };
}

const lookupGroup = (name: string): number => Number(systemEntry("/etc/group", name)[2]);

export type RunningMailServers = {
  /** The last lines of both servers' logs, for a failure's message. */
  logTail: (lines?: number) => string;
  stop: () => Promise<void>;
};

/** Writes the configuration into config.dir and starts both servers; resolves once every port answers. */
export async function startMailServers(config: MailPlatformConfig): Promise<RunningMailServers> {
  const missing = [...new Set(INSTALLED_BY.filter(([file]) => !existsSync(file)).map(([, pkg]) => pkg))];
  if (missing.length) throw new MailServersMissing(`Mangler ${missing.join(", ")}`);
  if (process.getuid?.() !== 0) throw new Error("Postfix må startes som root (det går selv over til brukeren postfix): kjør med sudo.");

  const dir = config.dir;
  for (const sub of ["", "run", "state", "mail", "queue", "data"]) mkdirSync(path.join(dir, sub), { recursive: true });
  chmodSync(dir, 0o755);
  const { uid, gid } = config.users.mail;
  chownSync(path.join(dir, "mail"), uid, gid);
  const postfixUser = lookupUser("postfix");
  chownSync(path.join(dir, "data"), postfixUser.uid, postfixUser.gid);

  // Files with passwords: readable by root and by the group of the process that reads them
  // (Dovecot's dict process, Postfix's proxymap), nobody else.
  const internal = lookupGroup(config.users.internalGroup);
  for (const [name, text] of renderMailPlatform(config)) {
    const file = path.join(dir, name);
    writeFileSync(file, text, { mode: 0o640 });
    chownSync(file, 0, name.startsWith("pgsql-") ? postfixUser.gid : internal);
  }

  const logs = [path.join(dir, "dovecot.log"), path.join(dir, "postfix.log")];
  const logTail = (lines = 30) =>
    logs
      .filter((f) => existsSync(f))
      .map((f) => `── ${path.basename(f)}\n${readFileSync(f, "utf8").trim().split("\n").slice(-lines).join("\n")}`)
      .join("\n");

  const children: ChildProcess[] = [];
  const stop = async () => {
    // `start-fg` keeps Postfix's master as a child of a shell, which a signal to the shell does
    // not reach: `postfix stop` signals the master by its pid file, and it ends its children.
    spawnSync(POSTFIX, ["-c", dir, "stop"], { stdio: "ignore" });
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGTERM");
            setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
          }),
      ),
    );
  };

  try {
    children.push(spawn(DOVECOT, ["-F", "-c", path.join(dir, "dovecot.conf")], { stdio: ["ignore", "inherit", "inherit"] }));
    // `check` creates the queue's folders with the owners Postfix wants.
    const check = spawnSync(POSTFIX, ["-c", dir, "check"], { encoding: "utf8" });
    if (check.status !== 0) throw new Error(`postfix check: ${check.stderr || check.stdout}`);
    // Its own messages go to postfix.log (maillog_file); the shell around it only says "Terminated".
    children.push(spawn(POSTFIX, ["-c", dir, "start-fg"], { stdio: "ignore" }));
    const p = config.ports;
    await Promise.all([p.imap, p.pop3, p.lmtp, p.auth, p.smtp, p.submission, p.doveadm].map((port) => waitForPort(port)));
  } catch (error) {
    await stop();
    throw new Error(`Dovecot og Postfix startet ikke: ${(error as Error).message}\n${logTail()}`);
  }
  return { logTail, stop };
}

/** Resolves when something accepts connections on the loopback port, or fails after 30 s. */
export async function waitForPort(port: number, host = "127.0.0.1", timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, host, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`ingen svarer på ${host}:${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
