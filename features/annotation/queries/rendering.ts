import { sql, type SQL } from "drizzle-orm";
import type { ChatMessage } from "@/db/schema";
import { rowsOf, type Db } from "@/platform/db/client";
import { MARKDOWN_RENDERER_VERSION } from "@/platform/markdown";
import { log } from "@/platform/log";
import { processWide } from "@/platform/process-wide";
import { renderPrompt, renderResponse } from "../rendered";

const BATCH = 500;
const V = MARKDOWN_RENDERER_VERSION;

/**
 * `rows.map(f)`, giving the event loop a turn every 10 ms: rendering runs in the server's process (at about 1 ms a
 * text), and requests must not wait behind a whole batch of it.
 */
async function mapYielding<T, U>(rows: T[], f: (row: T) => U): Promise<U[]> {
  const out: U[] = [];
  let slice = performance.now();
  for (const row of rows) {
    out.push(f(row));
    if (performance.now() - slice > 10) {
      await new Promise((resolve) => setImmediate(resolve));
      slice = performance.now();
    }
  }
  return out;
}

export type RenderSummary = { prompts: number; responses: number; ms: number };

const studyClause = (studyId: number | undefined, alias: string) =>
  studyId === undefined ? sql`` : sql`and ${sql.raw(alias)}.study_id = ${studyId}`;

/** What a stored rendering was made from: a row whose md5 changed since it was read is left for the next run. */
const PROMPT_SOURCE_MD5 = sql`md5(coalesce(p.text, '') || coalesce(p.messages::text, ''))`;
const RESPONSE_SOURCE_MD5 = sql`md5(r.text || coalesce(r.turns::text, '') || coalesce(r.leak_words::text, ''))`;

type Renderable = { id: number; md5: string };

/** One table's pass: batches of rows after an id, rendered in turns, written back through one JSON parameter. */
async function renderPass<Row extends Renderable>(
  db: Db,
  pass: {
    select: (after: number) => SQL;
    render: (row: Row) => object;
    update: (payloadJson: string) => SQL;
  },
): Promise<number> {
  let [count, after] = [0, 0];
  for (;;) {
    const rows = rowsOf<Row>(await db.execute(pass.select(after)));
    if (rows.length === 0) return count;
    after = rows[rows.length - 1].id;
    const payload = await mapYielding(rows, (r) => ({ id: r.id, md5: r.md5, ...pass.render(r) }));
    await db.execute(pass.update(JSON.stringify(payload)));
    count += rows.length;
  }
}

/**
 * Renders and sanitizes, once, every prompt and response (of one study, or all) not yet rendered by this
 * renderer version, and stores the HTML with the version, so that serving only reads. Walks the rows by id in
 * batches; a row whose text changed meanwhile is left for the next run (its md5 no longer matches), so a
 * concurrent re-import never gets an old rendering. Safe to run twice at once: both store the same HTML.
 */
export async function renderStoredTexts(db: Db, args: { studyId?: number } = {}): Promise<RenderSummary> {
  const started = performance.now();
  const inStudy = studyClause(args.studyId, "p");
  const prompts = await renderPass<Renderable & { text: string | null; messages: ChatMessage[] | null }>(db, {
    select: (after) => sql`select p.id, p.text, p.messages, ${PROMPT_SOURCE_MD5} as md5 from prompts p
      where p.id > ${after} and p.render_version is distinct from ${V} ${inStudy} order by p.id limit ${BATCH}`,
    render: (r) => renderPrompt(r.text, r.messages),
    update: (
      json,
    ) => sql`update prompts p set html = u.html, messages_html = u."messagesHtml", render_version = ${V}
      from jsonb_to_recordset(${json}::jsonb) as u(id int, md5 text, html text, "messagesHtml" jsonb)
      where p.id = u.id and ${PROMPT_SOURCE_MD5} = u.md5`,
  });
  const responses = await renderPass<
    Renderable & { text: string; turns: string[] | null; leak_words: string[] | null }
  >(db, {
    select: (after) => sql`select r.id, r.text, r.turns, r.leak_words, ${RESPONSE_SOURCE_MD5} as md5
      from responses r ${args.studyId === undefined ? sql`` : sql`join prompts p on p.id = r.prompt_id`}
      where r.id > ${after} and r.render_version is distinct from ${V} ${inStudy} order by r.id limit ${BATCH}`,
    render: (r) => renderResponse(r.text, r.turns, r.leak_words),
    update: (json) => sql`update responses r set html = u.html, turns_html = u."turnsHtml",
        masked_html = u."maskedHtml", masked_turns_html = u."maskedTurnsHtml", render_version = ${V}
      from jsonb_to_recordset(${json}::jsonb)
        as u(id int, md5 text, html text, "turnsHtml" jsonb, "maskedHtml" text, "maskedTurnsHtml" jsonb)
      where r.id = u.id and ${RESPONSE_SOURCE_MD5} = u.md5`,
  });
  return { prompts, responses, ms: performance.now() - started };
}

// Background renders run one after another in this process: a seed, an upload and the start-up pass queue behind
// each other instead of rendering the same rows twice and taking both cores from serving.
const renders = processWide("render-queue", () => ({ queue: Promise.resolve() as Promise<unknown> }));

/**
 * Queues `renderStoredTexts` without waiting for it (after an upload, the demo seed, at start-up): serving renders
 * the few texts it meets before then on the fly; a failure is logged and the next start-up retries.
 */
export function renderInBackground(db: Db, args: { studyId?: number } = {}): void {
  renders.queue = renders.queue.then(() =>
    renderStoredTexts(db, args).then(
      (s) => {
        if (s.prompts + s.responses > 0)
          log.info({ ...args, ...s, ms: Math.round(s.ms) }, "rendered stored texts");
      },
      (err: unknown) =>
        log.error({ ...args, error: (err as Error).message }, "rendering stored texts failed"),
    ),
  );
}
