import { sql } from "drizzle-orm";
import type { ChatMessage } from "@/db/schema";
import { rowsOf, type Db } from "@/platform/db/client";
import { MARKDOWN_RENDERER_VERSION } from "@/platform/markdown";
import { log } from "@/platform/log";
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

/**
 * Renders and sanitizes, once, every prompt and response (of one study, or all) not yet rendered by this
 * renderer version, and stores the HTML with the version, so that serving only reads. Walks the rows by id in
 * batches; a row whose text changed meanwhile is left for the next run (its md5 no longer matches), so a
 * concurrent re-import never gets an old rendering. Safe to run twice at once: both store the same HTML.
 */
export async function renderStoredTexts(db: Db, args: { studyId?: number } = {}): Promise<RenderSummary> {
  const started = performance.now();
  let [promptCount, responseCount, after] = [0, 0, 0];
  for (;;) {
    const rows = rowsOf<{ id: number; text: string | null; messages: ChatMessage[] | null; md5: string }>(
      await db.execute(sql`select p.id, p.text, p.messages, md5(coalesce(p.text, '') || coalesce(p.messages::text, '')) as md5
        from prompts p where p.id > ${after} and p.render_version is distinct from ${V} ${studyClause(args.studyId, "p")}
        order by p.id limit ${BATCH}`),
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    const payload = await mapYielding(rows, (r) => ({
      id: r.id,
      md5: r.md5,
      ...renderPrompt(r.text, r.messages),
    }));
    await db.execute(sql`update prompts p set html = u.html, messages_html = u."messagesHtml", render_version = ${V}
      from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as u(id int, md5 text, html text, "messagesHtml" jsonb)
      where p.id = u.id and md5(coalesce(p.text, '') || coalesce(p.messages::text, '')) = u.md5`);
    promptCount += rows.length;
  }
  after = 0;
  for (;;) {
    const rows = rowsOf<{
      id: number;
      text: string;
      turns: string[] | null;
      leak_words: string[] | null;
      md5: string;
    }>(
      await db.execute(sql`select r.id, r.text, r.turns, r.leak_words,
          md5(r.text || coalesce(r.turns::text, '') || coalesce(r.leak_words::text, '')) as md5
        from responses r ${args.studyId === undefined ? sql`` : sql`join prompts p on p.id = r.prompt_id`}
        where r.id > ${after} and r.render_version is distinct from ${V} ${studyClause(args.studyId, "p")}
        order by r.id limit ${BATCH}`),
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    const payload = await mapYielding(rows, (r) => ({
      id: r.id,
      md5: r.md5,
      ...renderResponse(r.text, r.turns, r.leak_words),
    }));
    await db.execute(sql`update responses r set html = u.html, turns_html = u."turnsHtml", masked_html = u."maskedHtml",
        masked_turns_html = u."maskedTurnsHtml", render_version = ${V}
      from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb)
        as u(id int, md5 text, html text, "turnsHtml" jsonb, "maskedHtml" text, "maskedTurnsHtml" jsonb)
      where r.id = u.id and md5(r.text || coalesce(r.turns::text, '') || coalesce(r.leak_words::text, '')) = u.md5`);
    responseCount += rows.length;
  }
  return { prompts: promptCount, responses: responseCount, ms: performance.now() - started };
}

// Background renders run one after another in this process: a seed, an upload and the start-up pass queue behind
// each other instead of rendering the same rows twice and taking both cores from serving.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Queues `renderStoredTexts` without waiting for it (after an upload, the demo seed, at start-up): serving renders
 * the few texts it meets before then on the fly; a failure is logged and the next start-up retries.
 */
export function renderInBackground(db: Db, args: { studyId?: number } = {}): void {
  queue = queue.then(() =>
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
