import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Who has the embedded database's folder open. PGlite keeps no lock of its own, and two processes that open the
 * same folder silently lose each other's writes; so every process that opens it takes this lock first. A lock whose
 * process is gone (killed, crashed) is stale and taken over: liveness is the pid plus, on Linux, the process's
 * start time, so a recycled pid does not keep a dead lock alive.
 */
export type LockOwner = {
  pid: number;
  /** "server": `npm start`, which shares the database on `socketDir`; "exclusive": a CLI or script using it alone. */
  role: "server" | "exclusive";
  command: string;
  startedAt: string;
  procStart: string | null;
  socketDir: string | null;
  token: string;
};

export type LockResult =
  { ok: true; release: () => void; owner: LockOwner } | { ok: false; holder: LockOwner };

export function lockPathFor(dataDir: string): string {
  return path.join(path.dirname(dataDir), "pglite.lock");
}

/** The process start time from /proc (clock ticks since boot), or null where there is no /proc. */
export function procStartOf(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22; the command name (field 2) may hold spaces, so count from the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

/** A zombie (dead, not yet reaped: in a container whose init does not reap, it can stay so) is not alive. */
function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z";
  } catch {
    return false;
  }
}

export function isAlive(owner: Pick<LockOwner, "pid" | "procStart">): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  if (isZombie(owner.pid)) return false;
  const now = procStartOf(owner.pid);
  return owner.procStart === null || now === null || now === owner.procStart;
}

export function readLock(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(fs.readFileSync(file, "utf8")) as LockOwner;
    return typeof owner.pid === "number" && typeof owner.token === "string" ? owner : null;
  } catch {
    return null;
  }
}

/**
 * Takes the lock for this process, or names its live holder. Creation is atomic (O_EXCL); a takeover of a stale
 * lock is checked after a pause, so of two processes that both found the same stale lock only one keeps it.
 */
export async function acquireLock(
  file: string,
  want: Pick<LockOwner, "role" | "socketDir">,
): Promise<LockResult> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const owner: LockOwner = {
    pid: process.pid,
    command: process.argv
      .slice(1)
      .map((a) => path.basename(a))
      .join(" ")
      .slice(0, 200),
    startedAt: new Date().toISOString(),
    procStart: procStartOf(process.pid),
    token: randomUUID(),
    ...want,
  };
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(owner), { flag: "wx", mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = readLock(file);
      if (!holder) {
        // Being written right now, or left half-written by a crash: look again shortly, then treat as stale.
        await sleep(50);
        const again = readLock(file);
        if (again && isAlive(again)) return { ok: false, holder: again };
        if (!again) fs.rmSync(file, { force: true });
        continue;
      }
      if (isAlive(holder)) return { ok: false, holder };
      if (readLock(file)?.token === holder.token) fs.rmSync(file, { force: true });
      continue;
    }
    await sleep(40);
    if (readLock(file)?.token !== owner.token) continue;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      if (readLock(file)?.token === owner.token) fs.rmSync(file, { force: true });
      process.off("exit", release);
    };
    process.on("exit", release);
    return { ok: true, release, owner };
  }
  const holder = readLock(file);
  if (holder) return { ok: false, holder };
  throw new Error(`could not take the lock ${file}`);
}

/** The message for a process that finds the folder taken. */
export function inUseMessage(dataDir: string, holder: LockOwner): string {
  const what =
    holder.role === "server" ? "a running Verdict server (npm start)" : `another process (${holder.command})`;
  return (
    `the embedded database in ${path.dirname(dataDir)} is in use by ${what}, pid ${holder.pid}, since ${holder.startedAt}. ` +
    `Stop that process first, or set DATABASE_URL to use Postgres.`
  );
}
