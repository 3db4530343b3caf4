import OpenAI from "openai";
import { sql } from "drizzle-orm";
import { verdictFromChoice } from "@/features/annotation";
import type { ChatMessage } from "@/db/schema";
import { preparedRows, rowsOf, type Db } from "@/platform/db/client";
import { AppError } from "@/platform/errors";
import {
  loadTemplate,
  parsePairVerdict,
  parseRating,
  questionText,
  render,
  type JudgeTemplate,
} from "./templates";

type RunRow = {
  id: number;
  status: string;
  judge: string;
  model: string;
  base_url: string;
  template: string;
  concurrency: number;
  temperature: number;
  timeout_ms: number;
  design: string;
  scale: string[] | null;
  labels: string[];
};

type Question = {
  id: number;
  comparison_id: number;
  side: "left" | "right" | null;
  turn: number | null;
  prompt_text: string | null;
  prompt_messages: ChatMessage[] | null;
  first_text: string;
  second_text: string;
  turns: string[] | null;
};

const HEARTBEAT_MS = 5000;

/** The next pending question of the run, taken with a row lock so two workers never ask the same one. */
async function nextQuestion(db: Db, runId: number): Promise<Question | null> {
  // Asked once per question: a named prepared statement on Postgres (planned once per connection).
  const [q] = await preparedRows<Question>(
    db,
    sql`with q as (
        update judge_requests set status = 'running', attempts = attempts + 1, updated_at = now()
        where id = (select id from judge_requests where run_id = ${runId} and status = 'pending'
                    order by id limit 1 for update skip locked)
        returning id, comparison_id, side, turn)
      select q.id, q.comparison_id, q.side::text as side, q.turn, p.text as prompt_text, p.messages as prompt_messages,
        rr.text as first_text, br.text as second_text, br.turns
      from q join comparisons c on c.id = q.comparison_id join prompts p on p.id = c.prompt_id
        join responses rr on rr.id = c.reference_response_id join responses br on br.id = c.baseline_response_id`,
  );
  return q ?? null;
}

/** The messages of one question: A and B placed by the side (where the first model is shown), or one turn rated. */
function messagesOf(q: Question, template: JudgeTemplate, labels: string[]) {
  const prompt = { text: q.prompt_text, messages: q.prompt_messages };
  if (q.side === null) {
    if (q.turns) {
      // One turn of a conversation: the user turns so far with the answers before this one.
      const users = (q.prompt_messages ?? []).filter((m) => m.role === "user");
      const conversation = users
        .slice(0, q.turn! + 1)
        .flatMap((m, t) => [
          { role: "user", content: m.content },
          ...(t < q.turn! ? [{ role: "assistant", content: q.turns![t] }] : []),
        ]);
      return render(template, {
        question: questionText({ text: null, messages: conversation }),
        answer: q.turns[q.turn!],
        labels,
      });
    }
    return render(template, { question: questionText(prompt), answer: q.second_text, labels });
  }
  const [a, b] = q.side === "left" ? [q.first_text, q.second_text] : [q.second_text, q.first_text];
  return render(template, { question: questionText(prompt), answerA: a, answerB: b, labels });
}

/** Stores a parsed answer as the judge's verdict (or its rating of one turn) and closes the question. */
async function store(
  db: Db,
  run: RunRow,
  q: Question,
  answer: string,
  usage: { prompt: number | null; completion: number | null },
): Promise<boolean> {
  let value: { verdict: string } | { label: number } | null = null;
  if (q.side !== null) {
    const choice = parsePairVerdict(answer);
    if (choice) value = { verdict: verdictFromChoice(choice, q.side) };
  } else {
    const label = parseRating(answer, run.scale!);
    if (label !== null) value = { label };
  }
  if (!value) {
    const expected =
      q.side !== null
        ? '"[[A]]", "[[B]]" or "[[C]]"'
        : `"[[label]]" with a label of ${run.scale!.join(", ")}`;
    await db.execute(sql`update judge_requests set status = 'failed', answer = ${answer},
      error = ${`no verdict in the answer: expected exactly one of ${expected}`}, prompt_tokens = ${usage.prompt},
      completion_tokens = ${usage.completion}, updated_at = now() where id = ${q.id}`);
    return false;
  }
  // One statement (atomic by itself): the verdict stored and the question closed, in one round trip.
  const close = sql`update judge_requests set status = 'done', answer = ${answer}, error = null,
    prompt_tokens = ${usage.prompt}, completion_tokens = ${usage.completion}, updated_at = now() where id = ${q.id}`;
  if ("verdict" in value) {
    await preparedRows(
      db,
      sql`with stored as (
        insert into judgments (comparison_id, kind, judge_name, verdict, reference_side, rationale)
        values (${q.comparison_id}, 'judge', ${run.judge}, ${value.verdict}::verdict, ${q.side}::side, ${answer})
        on conflict (comparison_id, judge_name, reference_side) do update set verdict = excluded.verdict,
          rationale = excluded.rationale, updated_at = now()
        returning id)
      ${close}`,
    );
  } else {
    const ratings = new Array<number | null>(q.turns?.length ?? 1).fill(null);
    ratings[q.turn ?? 0] = value.label;
    await db.execute(sql`with stored as (
        insert into judgments (comparison_id, kind, judge_name, ratings, rationale)
        values (${q.comparison_id}, 'judge', ${run.judge}, ${`{${ratings.map((r) => r ?? "NULL").join(",")}}`}::smallint[], ${answer})
        on conflict (comparison_id, judge_name) where ratings is not null do update set
          ratings = array(select coalesce(n, o) from unnest(excluded.ratings, judgments.ratings) as t(n, o)),
          rationale = excluded.rationale, updated_at = now()
        returning id)
      ${close}`);
  }
  return true;
}

export type RunEvents = { onAnswer?: (ok: boolean) => void };

/**
 * Asks a claimed run's pending questions with at most `concurrency` in flight, through the official OpenAI client
 * (any OpenAI-compatible endpoint at the judge's base URL; its retries honour Retry-After on 429 and 5xx, and a
 * timeout bounds each request). Keeps the run's heartbeat fresh, and stops when the run is cancelled or taken over,
 * aborting what is in flight (those questions stay pending). The API key comes from the caller (the environment).
 */
export async function executeJudgeRun(
  db: Db,
  args: { runId: number; runner: string; apiKey: string | undefined; maxRetries?: number } & RunEvents,
): Promise<"done" | "cancelled"> {
  if (!args.apiKey) throw new AppError("no_api_key");
  const [run] = rowsOf<RunRow>(
    await db.execute(sql`select r.id, r.status::text as status, r.judge_name as judge, j.model, j.base_url, j.template,
        r.concurrency, r.temperature, r.timeout_ms, s.design::text as design, s.scale, s.verdict_labels as labels
      from judge_runs r join judges j on j.name = r.judge_name join studies s on s.id = r.study_id where r.id = ${args.runId}`),
  );
  if (!run) throw new AppError("no_study", `judge run ${args.runId}`);
  const rating = run.design === "rating";
  const template = loadTemplate(run.template, rating, run.scale);
  const labels = rating ? run.scale! : run.labels;
  const client = new OpenAI({
    apiKey: args.apiKey,
    baseURL: run.base_url,
    timeout: run.timeout_ms,
    maxRetries: args.maxRetries ?? 6,
  });
  const abort = new AbortController();
  const ours = async () =>
    rowsOf(
      await db.execute(sql`update judge_runs set heartbeat_at = now() where id = ${run.id} and status = 'running'
        and claimed_by = ${args.runner} returning id`),
    ).length === 1;
  const heartbeat = setInterval(() => {
    ours()
      .then((still) => (still ? undefined : abort.abort()))
      .catch(() => undefined);
  }, HEARTBEAT_MS);
  const worker = async () => {
    while (!abort.signal.aborted) {
      const q = await nextQuestion(db, run.id);
      if (!q) return;
      try {
        const completion = await client.chat.completions.create(
          { model: run.model, messages: messagesOf(q, template, labels), temperature: run.temperature },
          { signal: abort.signal },
        );
        const answer = completion.choices[0]?.message?.content ?? "";
        const ok = await store(db, run, q, answer, {
          prompt: completion.usage?.prompt_tokens ?? null,
          completion: completion.usage?.completion_tokens ?? null,
        });
        args.onAnswer?.(ok);
      } catch (err) {
        if (abort.signal.aborted) {
          await db.execute(sql`update judge_requests set status = 'pending' where id = ${q.id}`);
          return;
        }
        const message =
          err instanceof OpenAI.APIError ? `${err.status ?? "no status"}: ${err.message}` : String(err);
        await db.execute(sql`update judge_requests set status = 'failed', error = ${message.slice(0, 2000)},
          updated_at = now() where id = ${q.id}`);
        args.onAnswer?.(false);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: run.concurrency }, worker));
  } finally {
    clearInterval(heartbeat);
  }
  if (abort.signal.aborted) return "cancelled";
  const finished = rowsOf(
    await db.execute(sql`update judge_runs set status = 'done', finished_at = now() where id = ${run.id}
      and status = 'running' and claimed_by = ${args.runner}
      and not exists (select 1 from judge_requests where run_id = ${run.id} and status in ('pending', 'running'))
      returning id`),
  );
  return finished.length ? "done" : "cancelled";
}
