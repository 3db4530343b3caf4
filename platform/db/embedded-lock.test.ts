import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { acquireLock, inUseMessage, isAlive, readLock } from "./embedded-lock";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-lock-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
    encoding: "utf8",
  });
  return Number(r.stdout);
}

describe("embedded database lock", () => {
  it("is taken once: a second taker learns who holds it; release frees it", async () => {
    const file = path.join(dir, "a.lock");
    const first = await acquireLock(file, { role: "server", socketDir: "/tmp/x" });
    expect(first.ok).toBe(true);
    const second = await acquireLock(file, { role: "exclusive", socketDir: null });
    expect(second).toMatchObject({
      ok: false,
      holder: { pid: process.pid, role: "server", socketDir: "/tmp/x" },
    });
    if (!second.ok)
      expect(inUseMessage(path.join(dir, "pglite"), second.holder)).toMatch(
        /in use by a running Verdict server \(npm start\), pid \d+/,
      );
    if (first.ok) first.release();
    expect(fs.existsSync(file)).toBe(false);
    const third = await acquireLock(file, { role: "exclusive", socketDir: null });
    expect(third.ok).toBe(true);
    if (third.ok) third.release();
  });

  it("takes over a lock whose process is gone (killed), and one whose pid was recycled", async () => {
    const file = path.join(dir, "b.lock");
    const stale = {
      pid: deadPid(),
      role: "server",
      command: "next start",
      startedAt: "2026-01-01T00:00:00Z",
      procStart: null,
      socketDir: null,
      token: "old",
    };
    fs.writeFileSync(file, JSON.stringify(stale));
    expect(isAlive(stale)).toBe(false);
    const taken = await acquireLock(file, { role: "exclusive", socketDir: null });
    expect(taken.ok).toBe(true);
    expect(readLock(file)?.pid).toBe(process.pid);
    if (taken.ok) taken.release();
    // Our own pid, but another start time: a recycled pid does not keep a dead lock alive (Linux).
    if (fs.existsSync(`/proc/${process.pid}/stat`)) {
      fs.writeFileSync(file, JSON.stringify({ ...stale, pid: process.pid, procStart: "1" }));
      const again = await acquireLock(file, { role: "exclusive", socketDir: null });
      expect(again.ok).toBe(true);
      if (again.ok) again.release();
    }
  });

  it("of many processes racing for a free lock, exactly one gets it", async () => {
    const file = path.join(dir, "c.lock");
    const script = `import { acquireLock } from ${JSON.stringify(path.resolve("platform/db/embedded-lock.ts"))};
      const r = await acquireLock(${JSON.stringify(file)}, { role: "exclusive", socketDir: null });
      console.log(r.ok ? "got" : "refused"); await new Promise((res) => setTimeout(res, 1500)); if (r.ok) r.release();`;
    const scriptFile = path.join(dir, "race.mts");
    fs.writeFileSync(scriptFile, script);
    const runs = Array.from(
      { length: 6 },
      () =>
        new Promise<string>((resolve) => {
          const child = spawn("node_modules/.bin/tsx", [scriptFile], {
            stdio: ["ignore", "pipe", "inherit"],
          });
          let out = "";
          child.stdout.on("data", (d) => (out += d));
          child.on("exit", () => resolve(out.trim()));
        }),
    );
    const outcomes = await Promise.all(runs);
    expect(outcomes.filter((o) => o === "got")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "refused")).toHaveLength(5);
  }, 60_000);
});
