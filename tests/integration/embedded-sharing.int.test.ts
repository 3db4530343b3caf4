import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLock } from "@/platform/db/embedded-lock";
import { HttpClient, signInWithPassword, startApp, type AppServer } from "@/test-utils/app-server";

// `npm start` on the embedded database with the CLI beside it: the CLI goes through the running server, a second
// server refuses to start, and a killed server leaves nothing that blocks the next process.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-sharing-"));
const lockFile = path.join(dir, "pglite.lock");
const env = {
  DATABASE_URL: "",
  VERDICT_DATA_DIR: dir,
  AUTH_SECRET: "sharing-test-secret-0123456789",
  ADMIN_PASSWORD: "admin-password-1",
  VERDICT_DEMO: "on",
};
let app: AppServer | undefined;

function run(cmd: string, args: string[], extra: Record<string, string> = {}) {
  const e: NodeJS.ProcessEnv = { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: "1", ...extra };
  delete e.DATABASE_URL;
  const r = spawnSync(cmd, args, { env: e, encoding: "utf8", timeout: 90_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const cli = (...args: string[]) => run("node_modules/.bin/tsx", ["cli/index.ts", ...args]);

async function demoStudyId(): Promise<number> {
  const c = new pg.Client({
    host: path.join(dir, "run"),
    port: 5432,
    user: "postgres",
    database: "postgres",
  });
  await c.connect();
  try {
    return (await c.query("select id from studies where slug = 'lima-demo'")).rows[0].id;
  } finally {
    await c.end();
  }
}

async function annotator(base: string): Promise<HttpClient> {
  const c = new HttpClient(base);
  await signInWithPassword(c, "cli-user@verdict.test", "cli-password-1");
  return c;
}

beforeAll(async () => {
  app = await startApp({ port: 3431, env });
});
afterAll(async () => {
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("embedded database shared by npm start and the CLI", () => {
  it("the app sees a user the CLI adds at once, the CLI sees the app's verdicts, and both survive a restart", async () => {
    expect(readLock(lockFile)).toMatchObject({ role: "server", pid: app!.process.pid });
    const add = cli(
      "users",
      "add",
      "--email",
      "cli-user@verdict.test",
      "--role",
      "annotator",
      "--password",
      "cli-password-1",
      "--study",
      "lima-demo",
    );
    expect(add.err).toBe("");
    expect(add.code).toBe(0);
    const studyId = await demoStudyId();
    const c = await annotator(app!.url);
    const state = await (await c.request(`/api/annotate/${studyId}/state`)).json();
    const submit = await c.json(`/api/annotate/${studyId}/judgments`, {
      token: state.item.token,
      choice: "A",
      requestId: "sharing-test-1",
      durationMs: 900,
    });
    expect(submit.status).toBe(200);
    const stats = JSON.parse(cli("stats", "--study", "lima-demo", "--json").out);
    expect(stats.human.baselines.reduce((n: number, b: { n: number }) => n + b.n, 0)).toBe(1);
    expect(cli("users", "set", "--email", "cli-user@verdict.test", "--group", "authors").code).toBe(0);

    await app!.stop();
    expect(fs.existsSync(lockFile)).toBe(false);
    // No server now: the CLI opens the folder itself and finds both writes.
    const after = JSON.parse(cli("stats", "--study", "lima-demo", "--json", "--group", "authors").out);
    expect(after.human.baselines.reduce((n: number, b: { n: number }) => n + b.n, 0)).toBe(1);
    app = await startApp({ port: 3431, env });
    const again = await annotator(app.url);
    const resumed = await (await again.request(`/api/annotate/${studyId}/state`)).json();
    expect(resumed.judged).toBe(1);
  });

  it("a second server on the same folder exits at once with a message naming the running one", () => {
    const pid = app!.process.pid;
    const viaNpmStart = run("node_modules/.bin/tsx", ["scripts/start.ts"], { PORT: "3432" });
    expect(viaNpmStart.code).toBe(1);
    expect(viaNpmStart.err).toContain(`is in use by a running Verdict server (npm start), pid ${pid}`);
    // The server checks for itself too (a start that bypasses the wrapper).
    const direct = run("node_modules/.bin/next", ["start", "-p", "3433", "-H", "127.0.0.1"]);
    expect(direct.code).toBe(1);
    expect(direct.out + direct.err).toContain(
      `is in use by a running Verdict server (npm start), pid ${pid}`,
    );
    expect(readLock(lockFile)?.pid).toBe(pid);
  });

  it("a killed server leaves no lock that blocks the next process", async () => {
    const killed = app!.process;
    await new Promise<void>((resolve) => {
      killed.once("exit", () => resolve());
      killed.kill("SIGKILL");
    });
    expect(readLock(lockFile)?.pid).toBe(killed.pid); // left behind by the kill, but dead
    const add = cli(
      "users",
      "add",
      "--email",
      "after-kill@verdict.test",
      "--role",
      "researcher",
      "--password",
      "after-kill-pw-1",
    );
    expect(add.code).toBe(0);
    expect(fs.existsSync(lockFile)).toBe(false);
    app = await startApp({ port: 3431, env });
    const c = new HttpClient(app.url);
    await signInWithPassword(c, "after-kill@verdict.test", "after-kill-pw-1");
  });
});
