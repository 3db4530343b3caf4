import { eq, sql } from "drizzle-orm";
import { judgeRuns, judges, studies } from "@/db/schema";
import { rowsOf, type Db } from "@/platform/db/client";
import { AppError } from "@/platform/errors";
import type { JudgeRunRequest } from "./schemas";
import { runnerAlive } from "./claims";
import { loadTemplate } from "./templates";

/**
 * Creates a run and its questions, in one transaction: every comparison of the study in each asked order (a rating
 * study: every response, each turn of a multi-turn one), except what this judge has already answered, so a rerun
 * asks only what is missing. A judge name keeps its model, endpoint and template: reusing it with others is refused.
 */
export async function createJudgeRun(
  db: Db,
  input: JudgeRunRequest,
  opts: { createdBy?: string | null; status?: "queued" | "running"; claimedBy?: string } = {},
): Promise<{ runId: number; requests: number }> {
  const [study] = await db
    .select({ id: studies.id, design: studies.design, scale: studies.scale })
    .from(studies)
    .where(eq(studies.slug, input.study));
  if (!study) throw new AppError("no_study", input.study);
  const rating = study.design === "rating";
  loadTemplate(input.template, rating, study.scale); // a template that cannot serve this study is refused now
  return db.transaction(async (tx) => {
    await tx
      .insert(judges)
      .values({ name: input.judge, model: input.model, baseUrl: input.baseUrl, template: input.template })
      .onConflictDoNothing();
    const [judge] = await tx.select().from(judges).where(eq(judges.name, input.judge));
    if (judge.model !== input.model || judge.template !== input.template || judge.baseUrl !== input.baseUrl)
      throw new AppError(
        "judge_mismatch",
        `Judge "${input.judge}" ran model ${judge.model} at ${judge.baseUrl} with template ${judge.template}: ` +
          "give this configuration another --judge name, so that verdicts of two configurations never mix.",
      );
    const [run] = await tx
      .insert(judgeRuns)
      .values({
        studyId: study.id,
        judgeName: input.judge,
        orders: input.orders,
        concurrency: input.concurrency,
        temperature: input.temperature,
        timeoutMs: Math.round(input.timeoutSeconds * 1000),
        pricePromptPerM: input.pricePromptPerM ?? null,
        priceCompletionPerM: input.priceCompletionPerM ?? null,
        status: opts.status ?? "queued",
        claimedBy: opts.claimedBy ?? null,
        heartbeatAt: opts.status === "running" ? new Date() : null,
        createdBy: opts.createdBy ?? null,
      })
      .returning({ id: judgeRuns.id });
    // The study's comparisons in a stable order (the limit takes the first ones), with what is already answered;
    // quality checks are for people and never asked.
    const limit = input.limit ? sql`limit ${input.limit}` : sql``;
    const sides =
      input.orders === "both" ? sql`(values ('left'::side), ('right'::side))` : sql`(values ('left'::side))`;
    const unanswered = rating
      ? sql`insert into judge_requests (run_id, comparison_id, side, turn)
          select ${run.id}, c.id, null, t.turn from (
            select c.id from comparisons c join prompts p on p.id = c.prompt_id join models m on m.id = c.baseline_model_id
            where c.study_id = ${study.id} and c.check_kind is null order by p.external_id, m.name ${limit}) c
          join comparisons cc on cc.id = c.id join responses r on r.id = cc.baseline_response_id
          cross join lateral generate_series(0, coalesce(jsonb_array_length(r.turns), 1) - 1) as t(turn)
          where not exists (select 1 from judgments j where j.comparison_id = c.id and j.judge_name = ${input.judge}
            and j.ratings is not null and j.ratings[t.turn + 1] is not null)`
      : sql`insert into judge_requests (run_id, comparison_id, side)
          select ${run.id}, c.id, s.side from (
            select c.id from comparisons c join prompts p on p.id = c.prompt_id join models m on m.id = c.baseline_model_id
            where c.study_id = ${study.id} and c.check_kind is null order by p.external_id, m.name ${limit}) c
          cross join ${sides} as s(side)
          where not exists (select 1 from judgments j where j.comparison_id = c.id and j.judge_name = ${input.judge}
            and j.reference_side = s.side)`;
    const inserted = rowsOf(await tx.execute(sql`${unanswered} returning id`));
    return { runId: run.id, requests: inserted.length };
  });
}

export type RunProgress = {
  id: number;
  study: string;
  judge: string;
  status: string;
  pending: number;
  done: number;
  failed: number;
  promptTokens: number;
  completionTokens: number;
  /** Estimated from the run's prices per million tokens; null when none were given. */
  costUsd: number | null;
  failures: {
    comparison: number;
    side: string | null;
    turn: number | null;
    error: string;
    answer: string | null;
  }[];
};

/** A run's progress: questions pending, answered and failed, tokens and estimated cost, and its first failures. */
export async function judgeRunProgress(db: Db, runId: number): Promise<RunProgress | null> {
  const [run] = rowsOf<{
    id: number;
    study: string;
    judge: string;
    status: string;
    price_in: number | null;
    price_out: number | null;
    pending: number;
    done: number;
    failed: number;
    prompt_tokens: string | number;
    completion_tokens: string | number;
  }>(
    await db.execute(sql`select r.id, s.slug as study, r.judge_name as judge, r.status::text as status,
        r.price_prompt_per_m as price_in, r.price_completion_per_m as price_out,
        count(q.id) filter (where q.status in ('pending', 'running'))::int as pending,
        count(q.id) filter (where q.status = 'done')::int as done,
        count(q.id) filter (where q.status = 'failed')::int as failed,
        coalesce(sum(q.prompt_tokens), 0) as prompt_tokens, coalesce(sum(q.completion_tokens), 0) as completion_tokens
      from judge_runs r join studies s on s.id = r.study_id left join judge_requests q on q.run_id = r.id
      where r.id = ${runId} group by r.id, s.slug`),
  );
  if (!run) return null;
  const failures = rowsOf<{
    comparison: number;
    side: string | null;
    turn: number | null;
    error: string;
    answer: string | null;
  }>(
    await db.execute(sql`select comparison_id as comparison, side::text as side, turn, error, answer from judge_requests
      where run_id = ${runId} and status = 'failed' order by id limit 20`),
  );
  const promptTokens = Number(run.prompt_tokens);
  const completionTokens = Number(run.completion_tokens);
  return {
    id: run.id,
    study: run.study,
    judge: run.judge,
    status: run.status,
    pending: run.pending,
    done: run.done,
    failed: run.failed,
    promptTokens,
    completionTokens,
    costUsd:
      run.price_in === null && run.price_out === null
        ? null
        : (promptTokens * (run.price_in ?? 0) + completionTokens * (run.price_out ?? 0)) / 1e6,
    failures,
  };
}

/** Cancels a run: its runner stops asking (in-flight questions are aborted) and what is pending stays pending. */
export async function cancelJudgeRun(db: Db, runId: number): Promise<boolean> {
  const rows = await db
    .update(judgeRuns)
    .set({ status: "cancelled", finishedAt: new Date() })
    .where(sql`${judgeRuns.id} = ${runId} and ${judgeRuns.status} in ('queued', 'running')`)
    .returning({ id: judgeRuns.id });
  return rows.length === 1;
}

/**
 * Before a new run of this judge on this study: an unfinished run whose runner died is closed (the new run asks
 * what it left unanswered); one whose runner is alive is left alone and the new run refused.
 */
export async function supersedeDeadRuns(db: Db, study: string, judge: string): Promise<void> {
  await db.transaction(async (tx) => {
    const open = rowsOf<{
      id: number;
      status: string;
      claimed_by: string | null;
      heartbeat_at: Date | string | null;
    }>(
      await tx.execute(sql`select r.id, r.status::text as status, r.claimed_by, r.heartbeat_at from judge_runs r
        join studies s on s.id = r.study_id where s.slug = ${study} and r.judge_name = ${judge}
          and r.status in ('queued', 'running') for update`),
    );
    for (const r of open) {
      const heartbeat = r.heartbeat_at === null ? null : new Date(r.heartbeat_at);
      if (r.status === "running" && runnerAlive(r.claimed_by, heartbeat))
        throw new AppError(
          "judge_mismatch",
          `Judge "${judge}" is already running on study "${study}" (run ${r.id}).`,
        );
      await tx.execute(
        sql`update judge_runs set status = 'cancelled', finished_at = now() where id = ${r.id}`,
      );
    }
  });
}

/** The study's judge runs, newest first, with their progress. */
export async function studyJudgeRuns(db: Db, slug: string): Promise<(RunProgress & { model: string })[]> {
  const runs = rowsOf<{ id: number; model: string }>(
    await db.execute(sql`select r.id, j.model from judge_runs r join judges j on j.name = r.judge_name
      join studies s on s.id = r.study_id where s.slug = ${slug} order by r.id desc limit 20`),
  );
  const out: (RunProgress & { model: string })[] = [];
  for (const r of runs) out.push({ ...(await judgeRunProgress(db, r.id))!, model: r.model });
  return out;
}
