import {
  createJudgeRun,
  executeJudgeRun,
  judgeRunProgress,
  judgeRunRequestSchema,
  runnerName,
  supersedeDeadRuns,
  TEMPLATE_NAMES,
} from "@/features/judges";
import { env } from "@/platform/env";
import { defineCommand } from "../command";

export const judgeCommands = [
  defineCommand({
    name: "judge run",
    summary:
      "Ask an LLM judge (any OpenAI-compatible endpoint) about every comparison of a study; the key comes from VERDICT_JUDGE_API_KEY. A rerun asks only what is missing.",
    options: {
      study: { type: "string", help: "the study's slug" },
      judge: {
        type: "string",
        help: "the judge's name in results (one name per model, endpoint and template)",
      },
      "base-url": { type: "string", key: "baseUrl", help: "the endpoint, e.g. https://api.openai.com/v1" },
      model: { type: "string", help: "the model to ask" },
      template: {
        type: "string",
        help: `${TEMPLATE_NAMES.join(" | ")} | a file (default mt-bench-pair; rating studies: lima or mt-bench-single)`,
      },
      orders: { type: "string", help: "both (default: each comparison in both orders) | one" },
      concurrency: { type: "string", help: "requests in flight at once (default 8)" },
      limit: { type: "string", help: "only the first N comparisons (by prompt id)" },
      temperature: { type: "string", help: "sampling temperature (default 0)" },
      timeout: { type: "string", key: "timeoutSeconds", help: "seconds per request (default 120)" },
      "price-in": {
        type: "string",
        key: "pricePromptPerM",
        help: "USD per million prompt tokens, for the cost estimate",
      },
      "price-out": {
        type: "string",
        key: "priceCompletionPerM",
        help: "USD per million completion tokens, for the cost estimate",
      },
    },
    schema: judgeRunRequestSchema,
    run: async (db, input) => {
      const apiKey = env().VERDICT_JUDGE_API_KEY;
      await supersedeDeadRuns(db, input.study, input.judge);
      const runner = runnerName();
      const { runId, requests } = await createJudgeRun(db, input, { status: "running", claimedBy: runner });
      console.log(`run ${runId}: ${requests} questions for judge "${input.judge}" (${input.model})`);
      let answered = 0;
      const tty = process.stderr.isTTY;
      const outcome = await executeJudgeRun(db, {
        runId,
        runner,
        apiKey,
        onAnswer: () => {
          answered++;
          if (tty) process.stderr.write(`\r${answered} / ${requests}`);
        },
      });
      if (tty) process.stderr.write("\n");
      const p = (await judgeRunProgress(db, runId))!;
      console.log(
        `run ${runId} ${outcome}: ${p.done} answered, ${p.failed} failed, ${p.pending} pending; ` +
          `tokens ${p.promptTokens} in, ${p.completionTokens} out` +
          (p.costUsd === null ? "" : `; estimated cost $${p.costUsd.toFixed(4)}`),
      );
      for (const f of p.failures)
        console.log(
          `  failed: comparison ${f.comparison}${f.side ? ` (${f.side})` : ""}${f.turn !== null ? ` turn ${f.turn + 1}` : ""}: ${f.error}` +
            (f.answer ? `; answer: ${JSON.stringify(f.answer.slice(0, 200))}` : ""),
        );
      if (p.failed > 0) process.exitCode = 1;
    },
  }),
];
