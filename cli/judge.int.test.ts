import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testTargets } from "@/test-utils/db";
import { answersOf, startMockLlm } from "@/test-utils/mock-llm";

const KEY = "cli-judge-key";

describe.each(testTargets())("judge run from the CLI on %s", (target) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-cli-judge-"));
  const env: Record<string, string | undefined> = {
    ...process.env,
    VERDICT_DATA_DIR: path.join(dir, "data"),
    VERDICT_JUDGE_API_KEY: KEY,
  };
  delete env.DATABASE_URL;
  let drop = async () => {};
  let mock: Awaited<ReturnType<typeof startMockLlm>>;
  /** Runs the CLI without blocking this process: the stand-in endpoint answers from here. */
  const run = (args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn("node_modules/.bin/tsx", args, { env: env as NodeJS.ProcessEnv });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.once("close", (status) => resolve({ status, stdout, stderr }));
    });
  const cli = (...args: string[]) =>
    spawnSync("node_modules/.bin/tsx", ["cli/index.ts", ...args], {
      env: env as NodeJS.ProcessEnv,
      encoding: "utf8",
    });

  beforeAll(async () => {
    if (target === "postgres") {
      const scratch = await createTestDb("postgres");
      env.DATABASE_URL = scratch.url;
      drop = scratch.drop;
    }
    // A slow judge that prefers the longer answer, wherever it is shown.
    mock = await startMockLlm({
      apiKey: KEY,
      reply: (r) => {
        const { a, b } = answersOf(r)!;
        return { answer: `Longer wins. [[${a.length >= b.length ? "A" : "B"}]]`, delayMs: 250 };
      },
    });
    const items = path.join(dir, "items.jsonl");
    fs.writeFileSync(
      items,
      Array.from({ length: 10 }, (_, i) =>
        JSON.stringify({
          prompt_id: `k${i}`,
          prompt: `Q${i}`,
          responses: { ref: "long ".repeat(i + 2), base: "short" },
        }),
      ).join("\n"),
    );
    expect(cli("import", "items", items, "--study", "killed", "--reference", "ref").status).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await mock.close();
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("resumes after the process is killed: the rerun asks only what was not answered", async () => {
    const args = [
      "cli/index.ts",
      "judge",
      "run",
      "--study",
      "killed",
      "--judge",
      "len",
      "--base-url",
      mock.baseUrl,
    ];
    args.push("--model", "mock", "--concurrency", "2");
    // Its own process group: tsx runs the CLI in a child process, and the kill must reach both.
    const child = spawn("node_modules/.bin/tsx", args, {
      env: env as NodeJS.ProcessEnv,
      stdio: ["ignore", "ignore", "pipe"],
      detached: true,
    });
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    let ended = false;
    const exited = new Promise((r) => child.once("exit", r));
    void exited.then(() => (ended = true));
    // Kill it once a few answers are in (20 questions at 250 ms, two at a time: about 2.5 s in all).
    while (mock.requests.length < 6) {
      if (ended) throw new Error(`the judge run ended early: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    process.kill(-child.pid!, "SIGKILL");
    await exited;
    const askedBefore = mock.requests.length;
    const rerun = await run(args);
    expect(rerun.stderr).toBe("");
    expect(rerun.status).toBe(0);
    const [, count] = /run \d+: (\d+) questions/.exec(rerun.stdout)!;
    // The rerun asks the 20 less what the killed run had stored (the two in flight at the kill are asked again).
    expect(Number(count)).toBeLessThanOrEqual(20 - (askedBefore - 2));
    expect(Number(count)).toBeGreaterThan(0);
    expect(mock.requests.length).toBe(askedBefore + Number(count));
    expect(rerun.stdout).toMatch(/done: \d+ answered, 0 failed, 0 pending/);
    const stats = JSON.parse(cli("stats", "--study", "killed", "--json").stdout);
    expect(stats.judges[0]).toMatchObject({ judge: "len", consistency: { pairs: 10, consistent: 10 } });
    expect(stats.judges[0].baselines[0]).toMatchObject({ reference_wins: 10 });
    // A third run finds nothing to ask.
    const third = await run(args);
    expect(third.stdout).toMatch(/run \d+: 0 questions/);
  }, 60_000);
});
