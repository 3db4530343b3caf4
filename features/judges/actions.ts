"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/platform/db";
import { env } from "@/platform/env";
import { AppError } from "@/platform/errors";
import { action } from "@/platform/http/action";
import { cancelJudgeRun, createJudgeRun, supersedeDeadRuns } from "./runs";
import { judgeRunRequestSchema } from "./schemas";

/** The study page's form: queues a run for a server's judge poller (which needs VERDICT_JUDGE_API_KEY). */
export const startJudgeRunAction = action("researcher", judgeRunRequestSchema, async (input, user) => {
  if (!env().VERDICT_JUDGE_API_KEY) throw new AppError("no_api_key");
  const db = await getDb();
  await supersedeDeadRuns(db, input.study, input.judge);
  const { runId, requests } = await createJudgeRun(db, input, { createdBy: user?.id ?? null });
  revalidatePath(`/studies/${input.study}`);
  return { message: `Run ${runId} queued: ${requests} questions.` };
});

export const cancelJudgeRunAction = action(
  "researcher",
  z.object({ runId: z.coerce.number().int().positive(), study: z.string().min(1) }),
  async ({ runId, study }) => {
    const cancelled = await cancelJudgeRun(await getDb(), runId);
    revalidatePath(`/studies/${study}`);
    return { message: cancelled ? `Run ${runId} cancelled.` : `Run ${runId} had already finished.` };
  },
);
