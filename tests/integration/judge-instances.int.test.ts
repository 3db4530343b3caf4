import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJudgeRun, judgeRunProgress } from "@/features/judges/runs";
import { judgeRunRequestSchema } from "@/features/judges/schemas";
import { rowsOf, type Db } from "@/platform/db/client";
import { startApps, type AppServer } from "@/test-utils/app-server";
import { createTestDb, testServerUrl } from "@/test-utils/db";
import { makeStudy } from "@/test-utils/fixtures";
import { answersOf, startMockLlm } from "@/test-utils/mock-llm";

// Two `next start` instances on one Postgres, each polling for judge runs: a queued run is taken by exactly one.
describe.skipIf(!testServerUrl())("judge runs across two app instances", () => {
  let db: Db;
  let drop: () => Promise<void>;
  let url: string;
  let apps: AppServer[] = [];
  let mock: Awaited<ReturnType<typeof startMockLlm>>;

  beforeAll(async () => {
    const handle = await createTestDb("postgres");
    ({ db, drop } = handle);
    url = handle.url!;
    mock = await startMockLlm({
      apiKey: "two-instances",
      reply: (r) => ({ answer: `[[${answersOf(r)!.a.startsWith("Reference") ? "A" : "B"}]]`, delayMs: 50 }),
    });
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await mock.close();
    await drop();
  });

  it("asks each question once, from one instance", async () => {
    await makeStudy(db, { slug: "two", prompts: 10 });
    const env = {
      DATABASE_URL: url,
      AUTH_SECRET: randomUUID(),
      ADMIN_PASSWORD: "unused-admin-password",
      VERDICT_JUDGE_API_KEY: "two-instances",
    };
    apps = await startApps([
      { port: 3431, env },
      { port: 3432, env },
    ]);
    const { runId, requests } = await createJudgeRun(
      db,
      judgeRunRequestSchema.parse({ study: "two", judge: "polled", baseUrl: mock.baseUrl, model: "m" }),
    );
    expect(requests).toBe(20);
    const deadline = Date.now() + 30_000;
    while ((await judgeRunProgress(db, runId))!.status !== "done" && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    expect(await judgeRunProgress(db, runId)).toMatchObject({ status: "done", done: 20, failed: 0 });
    expect(mock.requests).toHaveLength(20);
    const [run] = rowsOf<{ claimed_by: string }>(
      await db.execute(sql`select claimed_by from judge_runs where id = ${runId}`),
    );
    // Claimed by a runner other than this test process: one of the two servers.
    expect(run.claimed_by.split("|")[1]).not.toBe(String(process.pid));
    expect(new Set(mock.requests.map((r) => JSON.stringify(r.messages))).size).toBe(20);
  }, 90_000);
});
