import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importItemsFile, importJudgmentsFile } from "@/features/imports/run";
import {
  arenaJson,
  arenaResults,
  judgeDisagreements,
  ratingJson,
  ratingResults,
  studyResults,
} from "@/features/results";
import { rowsOf } from "@/platform/db/client";
import { testTargets, useTestDb } from "@/test-utils/db";
import { answersOf, startMockLlm, type ChatRequest, type MockReply } from "@/test-utils/mock-llm";
import { claimRun } from "./claims";
import { executeJudgeRun } from "./runner";
import { cancelJudgeRun, createJudgeRun, judgeRunProgress, supersedeDeadRuns } from "./runs";
import { judgeRunRequestSchema } from "./schemas";

const KEY = "test-key-not-a-secret";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-judges-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const FASTCHAT = fs
  .readFileSync("data/judges/fastchat-judge-prompts.jsonl", "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { name: string; system_prompt: string; prompt_template: string });

// The mock's policy, set by each test: by default a fair judge that prefers the reference's answer wherever it is.
let policy: (r: ChatRequest, attempt: number) => MockReply = () => ({ answer: "[[C]]" });
let mock: Awaited<ReturnType<typeof startMockLlm>>;
beforeAll(async () => {
  mock = await startMockLlm({ apiKey: KEY, reply: (r, a) => policy(r, a) });
});
afterAll(() => mock.close());

const prefersReference = (r: ChatRequest): MockReply => {
  const pair = answersOf(r)!;
  return { answer: `Reasoning... [[${pair.a.startsWith("ref") ? "A" : "B"}]]` };
};

function writeItems(name: string, prompts: number) {
  const file = path.join(tmp, name);
  fs.writeFileSync(
    file,
    Array.from({ length: prompts }, (_, i) =>
      JSON.stringify({
        prompt_id: `q${String(i).padStart(2, "0")}`,
        prompt: `Question ${i}?`,
        responses: { ref: `ref answer ${i}`, base: `base answer ${i}` },
      }),
    ).join("\n"),
  );
  return file;
}

describe.each(testTargets())("LLM judges on %s", (target) => {
  const db = useTestDb(target);
  const request = (over: Record<string, unknown> = {}) =>
    judgeRunRequestSchema.parse({
      study: "judged",
      judge: "mock-judge",
      baseUrl: mock.baseUrl,
      model: "mock-1",
      ...over,
    });

  it("asks MT-Bench's exact prompt in both orders and stores one verdict per order, mapped through the sides", async () => {
    await importItemsFile(db, {
      file: writeItems(`items-${target}.jsonl`, 12),
      slug: "judged",
      reference: "ref",
    });
    policy = prefersReference;
    const before = mock.requests.length;
    const { runId, requests } = await createJudgeRun(db, request(), {
      status: "running",
      claimedBy: "t|1|x",
    });
    expect(requests).toBe(24);
    expect(await executeJudgeRun(db, { runId, runner: "t|1|x", apiKey: KEY })).toBe("done");
    const asked = mock.requests.slice(before);
    expect(asked).toHaveLength(24);
    // FastChat's pair-v2, word for word: system prompt, and the user prompt filled with the two answers.
    const pairV2 = FASTCHAT.find((p) => p.name === "pair-v2")!;
    const first = asked.find(
      (r) => r.messages[1].content.includes("Question 0?") && answersOf(r)!.a.startsWith("ref"),
    )!;
    expect(first.model).toBe("mock-1");
    expect(first.temperature).toBe(0);
    expect(first.messages[0]).toEqual({ role: "system", content: pairV2.system_prompt });
    expect(first.messages[1].content).toBe(
      pairV2.prompt_template
        .replace("{question}", "Question 0?")
        .replace("{answer_a}", "ref answer 0")
        .replace("{answer_b}", "base answer 0"),
    );
    const stored = rowsOf<{ verdict: string; side: string; n: number }>(
      await db.execute(sql`select verdict::text, reference_side::text as side, count(*)::int as n from judgments
        where judge_name = 'mock-judge' group by 1, 2 order by 2`),
    );
    expect(stored).toEqual([
      { verdict: "reference", side: "left", n: 12 },
      { verdict: "reference", side: "right", n: 12 },
    ]);
    const p = (await judgeRunProgress(db, runId))!;
    expect(p).toMatchObject({ status: "done", done: 24, failed: 0, pending: 0, costUsd: null });
    expect(p.promptTokens).toBeGreaterThan(0);
    // The results count it once per comparison, beside the humans.
    const r = (await studyResults(db, { slug: "judged" }))!;
    expect(r.judges[0]).toMatchObject({ judge: "mock-judge", consistency: { pairs: 12, consistent: 12 } });
    expect(r.judges[0].baselines[0].counts).toEqual({ reference: 12, tie: 0, baseline: 0 });
  });

  it("a rerun asks nothing answered; another model under the same name is refused", async () => {
    const before = mock.requests.length;
    const { runId, requests } = await createJudgeRun(db, request(), {
      status: "running",
      claimedBy: "t|1|x",
    });
    expect(requests).toBe(0);
    expect(await executeJudgeRun(db, { runId, runner: "t|1|x", apiKey: KEY })).toBe("done");
    expect(mock.requests.length).toBe(before);
    await expect(createJudgeRun(db, request({ model: "mock-2" }))).rejects.toThrow(/ran model mock-1/);
  });

  it("a position-biased judge: each order mapped through its side, the two orders disagree, a tie per comparison", async () => {
    policy = () => ({ answer: "The first one. [[A]]" });
    const { runId } = await createJudgeRun(db, request({ judge: "biased", limit: 10 }), {
      status: "running",
      claimedBy: "t|1|x",
    });
    await executeJudgeRun(db, { runId, runner: "t|1|x", apiKey: KEY });
    const r = (await studyResults(db, { slug: "judged" }))!;
    const biased = r.judges.find((j) => j.judge === "biased")!;
    expect(biased.consistency).toEqual({ pairs: 10, consistent: 0 });
    expect(biased.position).toMatchObject({ left: 20, decided: 20, rate: 1 });
    expect(biased.baselines[0].counts).toEqual({ reference: 0, tie: 10, baseline: 0 });
  });

  it("retries 429 (honouring Retry-After) and 500, and reports unparseable answers as failures with their text", async () => {
    const asked = new Map<string, number>(); // this test's own count per question (the mock outlives tests)
    policy = (r) => {
      const key = JSON.stringify(r.messages);
      const attempt = (asked.get(key) ?? 0) + 1;
      asked.set(key, attempt);
      const pair = answersOf(r)!;
      if (pair.a.includes("answer 1") || pair.a.includes("answer 3"))
        return { answer: "Both are fine, I think." };
      if (attempt === 1) return { status: 429, headers: { "retry-after": "0" } };
      if (attempt === 2) return { status: 500 };
      return prefersReference(r);
    };
    const before = mock.requests.length;
    const { runId } = await createJudgeRun(
      db,
      request({
        judge: "flaky",
        model: "mock-flaky",
        limit: 5,
        orders: "one",
        pricePromptPerM: 1,
        priceCompletionPerM: 2,
      }),
      {
        status: "running",
        claimedBy: "t|1|x",
      },
    );
    expect(await executeJudgeRun(db, { runId, runner: "t|1|x", apiKey: KEY })).toBe("done");
    const p = (await judgeRunProgress(db, runId))!;
    expect(p).toMatchObject({ done: 3, failed: 2, pending: 0 });
    expect(p.failures.map((f) => [f.answer, f.error.startsWith("no verdict in the answer")])).toEqual([
      ["Both are fine, I think.", true],
      ["Both are fine, I think.", true],
    ]);
    expect(p.costUsd).toBeCloseTo((p.promptTokens * 1 + p.completionTokens * 2) / 1e6, 12);
    // Three parsed questions asked three times each (429, 500, answer); the two unparseable ones once.
    expect(mock.requests.length - before).toBe(3 * 3 + 2);
    const stored = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from judgments where judge_name = 'flaky'`),
    );
    expect(stored[0].n).toBe(3);
  });

  it("without a key nothing is asked; a wrong key fails each question with the endpoint's message", async () => {
    const { runId } = await createJudgeRun(db, request({ judge: "keyless", limit: 1 }), {
      status: "running",
      claimedBy: "t|1|x",
    });
    await expect(executeJudgeRun(db, { runId, runner: "t|1|x", apiKey: undefined })).rejects.toThrow(
      /VERDICT_JUDGE_API_KEY/,
    );
    await executeJudgeRun(db, { runId, runner: "t|1|x", apiKey: "wrong", maxRetries: 0 });
    const p = (await judgeRunProgress(db, runId))!;
    expect(p.failed).toBe(2);
    expect(p.failures[0].error).toMatch(/^401/);
  });

  it("cancels a run in flight: it stops asking, and what it had not answered stays pending", async () => {
    policy = (r) => ({ ...(prefersReference(r) as { answer: string }), delayMs: 1500 });
    const { runId } = await createJudgeRun(db, request({ judge: "slow", concurrency: 2 }), {
      status: "running",
      claimedBy: "t|1|x",
    });
    const started = Date.now();
    const running = executeJudgeRun(db, { runId, runner: "t|1|x", apiKey: KEY });
    await new Promise((r) => setTimeout(r, 500));
    expect(await cancelJudgeRun(db, runId)).toBe(true);
    expect(await running).toBe("cancelled");
    expect(Date.now() - started).toBeLessThan(9000);
    const p = (await judgeRunProgress(db, runId))!;
    expect(p.status).toBe("cancelled");
    expect(p.pending).toBeGreaterThan(15);
    expect(p.done).toBeLessThan(10);
  });

  it("a run is claimed by one runner only; a dead runner's run is superseded and its work resumed", async () => {
    const { runId } = await createJudgeRun(db, request({ judge: "claimed", limit: 2 }));
    const claims = await Promise.all([claimRun(db, "host-a|1|x", runId), claimRun(db, "host-b|2|y", runId)]);
    expect(claims.filter((c) => c === runId)).toHaveLength(1);
    // A runner on this host whose process is gone: the next run closes its run and asks what it left.
    await db.execute(
      sql`update judge_runs set claimed_by = ${`${os.hostname()}|999999|0`} where id = ${runId}`,
    );
    await supersedeDeadRuns(db, "judged", "claimed");
    policy = prefersReference;
    const next = await createJudgeRun(db, request({ judge: "claimed", limit: 2 }), {
      status: "running",
      claimedBy: "t|1|x",
    });
    expect(next.requests).toBe(4);
    expect((await judgeRunProgress(db, runId))!.status).toBe("cancelled");
  });

  it("lists the comparisons where a judge and the human majority disagree, with every verdict", async () => {
    const file = path.join(tmp, `humans-${target}.jsonl`);
    fs.writeFileSync(
      file,
      ["q00", "q01", "q02"]
        .flatMap((p) =>
          ["h1", "h2", "h3"].map((annotator) =>
            JSON.stringify({
              prompt_id: p,
              model_a: "ref",
              model_b: "base",
              winner: "model_b",
              annotator,
              kind: "human",
            }),
          ),
        )
        .join("\n"),
    );
    await importJudgmentsFile(db, { file, slug: "judged" });
    const [{ id }] = rowsOf<{ id: number }>(
      await db.execute(sql`select id from studies where slug = 'judged'`),
    );
    const found = await judgeDisagreements(db, { studyId: id, judge: "mock-judge" });
    expect(found.total).toBe(3);
    const [first] = found.rows;
    expect(first).toMatchObject({
      prompt: "q00",
      judge: "mock-judge",
      judgeVerdict: "reference",
      humanMajority: "baseline",
    });
    expect(first.first).toEqual({ model: "ref", text: "ref answer 0" });
    expect(first.verdicts.filter((v) => v.kind === "human")).toHaveLength(3);
    expect(first.verdicts.filter((v) => v.kind === "judge").map((v) => v.side)).toEqual(["left", "right"]);
    expect(
      (await judgeDisagreements(db, { studyId: id, judge: "mock-judge", baseline: "nobody" })).total,
    ).toBe(0);
    // Per baseline beside the overall agreement: the judge never agrees with these humans.
    const r = (await studyResults(db, { slug: "judged" }))!;
    const judge = r.judges.find((j) => j.judge === "mock-judge")!;
    expect(judge.agreementByBaseline).toHaveLength(1);
    expect(judge.agreementByBaseline[0]).toMatchObject({
      baseline: "base",
      agreement: { comparisons: 3, exact: 0 },
    });
  });

  it("judges an all-pairs study (a leaderboard per judge) and a rating study turn by turn (distributions per judge)", async () => {
    const arenaItems = path.join(tmp, `arena-${target}.jsonl`);
    fs.writeFileSync(
      arenaItems,
      Array.from({ length: 12 }, (_, i) =>
        JSON.stringify({
          prompt_id: `a${String(i).padStart(2, "0")}`,
          prompt: `Q${i}`,
          responses: { x: "x", yy: "yy yy", zzz: "zzz zzz zzz" },
        }),
      ).join("\n"),
    );
    await importItemsFile(db, { file: arenaItems, slug: "arena-j", design: "all_pairs" });
    // The longer answer wins, wherever it is shown.
    policy = (r) => {
      const { a, b } = answersOf(r)!;
      return { answer: `[[${a.length > b.length ? "A" : "B"}]]` };
    };
    const arenaRun = await createJudgeRun(db, request({ study: "arena-j", judge: "longer" }), {
      status: "running",
      claimedBy: "t|1|x",
    });
    expect(arenaRun.requests).toBe(12 * 3 * 2);
    await executeJudgeRun(db, { runId: arenaRun.runId, runner: "t|1|x", apiKey: KEY });
    const arena = arenaJson((await arenaResults(db, { slug: "arena-j" }))!);
    expect(arena.ranking).toEqual([]); // no human verdicts
    expect(arena.judges[0].judge).toBe("longer");
    expect(arena.judges[0].ranking.map((m) => m.model)).toEqual(["zzz", "yy", "x"]);

    const ratingItems = path.join(tmp, `rated-${target}.jsonl`);
    fs.writeFileSync(
      ratingItems,
      Array.from({ length: 3 }, (_, i) =>
        JSON.stringify({
          prompt_id: `r${i}`,
          messages: [
            { role: "user", content: "first" },
            { role: "user", content: "second" },
          ],
          responses: { m: ["a good first turn", "a weak second turn"] },
        }),
      ).join("\n"),
    );
    await importItemsFile(db, {
      file: ratingItems,
      slug: "rated-j",
      design: "rating",
      scale: ["Fail", "Pass", "Excellent"],
    });
    policy = (r) => {
      const user = r.messages[r.messages.length - 1].content;
      return { answer: `Rating: [[${/\[Response\]\n.*good/.test(user) ? "Excellent" : "Fail"}]]` };
    };
    const ratingRun = await createJudgeRun(
      db,
      request({ study: "rated-j", judge: "rater", template: "lima" }),
      {
        status: "running",
        claimedBy: "t|1|x",
      },
    );
    expect(ratingRun.requests).toBe(6); // 3 responses x 2 turns
    await executeJudgeRun(db, { runId: ratingRun.runId, runner: "t|1|x", apiKey: KEY });
    const rated = ratingJson((await ratingResults(db, { slug: "rated-j" }))!);
    expect(rated.ratings.judges[0]).toMatchObject({
      judge: "rater",
      models: [{ model: "m", n: 6, counts: { Fail: 3, Pass: 0, Excellent: 3 } }],
    });
    const stored = rowsOf<{ ratings: number[] }>(
      await db.execute(sql`select ratings from judgments where judge_name = 'rater'`),
    );
    expect(stored.map((s) => s.ratings)).toEqual([
      [2, 0],
      [2, 0],
      [2, 0],
    ]);
  });
});
