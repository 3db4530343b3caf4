import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import OpenAI from "openai";
import { importItemsFile } from "@/features/imports";
import { createJudgeRun, executeJudgeRun, judgeRunRequestSchema } from "@/features/judges";
import { rowsOf } from "@/platform/db/client";
import { startMockLlm } from "@/test-utils/mock-llm";
import { withBenchDatabase } from "./database";
import type { BenchResult } from "./types";

const KEY = "bench-judge-key";
const PROMPTS = Number(process.env.BENCH_JUDGE_PROMPTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_JUDGE_CONCURRENCY ?? 32);

/**
 * Verdict's own cost per judge request: a run over PROMPTS comparisons in both orders (2 x PROMPTS requests) against
 * a local OpenAI-compatible server that answers at once, beside the ceiling measured in the same run: the same
 * client asking the same server the same number of questions at the same concurrency, with no database.
 */
export async function benchJudge(): Promise<BenchResult[]> {
  const mock = await startMockLlm({
    apiKey: KEY,
    reply: () => ({ answer: "Both are fine, but the first. [[A]]" }),
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-bench-judge-"));
  try {
    const file = path.join(dir, "items.jsonl");
    fs.writeFileSync(
      file,
      Array.from({ length: PROMPTS }, (_, i) =>
        JSON.stringify({
          prompt_id: `q${i}`,
          prompt: `Question ${i}: explain topic ${i % 97} in two paragraphs.`,
          responses: { ref: `Reference answer ${i}. `.repeat(20), base: `Baseline answer ${i}. `.repeat(20) },
        }),
      ).join("\n"),
    );
    const requests = 2 * PROMPTS;
    // The ceiling: the official client alone, same server, same questions, same concurrency.
    const client = new OpenAI({ apiKey: KEY, baseURL: mock.baseUrl, maxRetries: 0 });
    let next = 0;
    const bareStart = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests) {
          const i = next++;
          await client.chat.completions.create({
            model: "bench",
            messages: [{ role: "user", content: `Question ${i}: which is better?` }],
            temperature: 0,
          });
        }
      }),
    );
    const bareRate = requests / ((performance.now() - bareStart) / 1000);

    const verdictRate = await withBenchDatabase("judge", async ({ handle }) => {
      await importItemsFile(handle.db, { file, slug: "judged", reference: "ref" });
      const request = judgeRunRequestSchema.parse({
        study: "judged",
        judge: "bench-judge",
        baseUrl: mock.baseUrl,
        model: "bench",
        concurrency: CONCURRENCY,
      });
      const { runId, requests: queued } = await createJudgeRun(handle.db, request, {
        status: "running",
        claimedBy: "bench|1|x",
      });
      if (queued !== requests) throw new Error(`expected ${requests} questions, got ${queued}`);
      const started = performance.now();
      const outcome = await executeJudgeRun(handle.db, { runId, runner: "bench|1|x", apiKey: KEY });
      const seconds = (performance.now() - started) / 1000;
      if (outcome !== "done") throw new Error(`the run ended ${outcome}`);
      const [{ n }] = rowsOf<{ n: number }>(
        await handle.db.execute(
          sql`select count(*)::int as n from judgments where judge_name = 'bench-judge'`,
        ),
      );
      if (n !== requests) throw new Error(`expected ${requests} stored verdicts, found ${n}`);
      return requests / seconds;
    });
    return [
      {
        name: `judge run, ${requests} requests at concurrency ${CONCURRENCY} (local server answering at once, Postgres)`,
        value: verdictRate,
        unit: "req/s",
        target: ">= 500 req/s",
        ratio: verdictRate / bareRate,
        note: `ceiling in the same run: the client alone ${bareRate.toFixed(0)} req/s`,
      },
      { name: "ceiling: the same client and server, no database", value: bareRate, unit: "req/s" },
    ];
  } finally {
    await mock.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
