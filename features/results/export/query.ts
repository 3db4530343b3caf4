import { sql, type SQL } from "drizzle-orm";
import { hasOwnConnections, rowsOf, type Db } from "@/platform/db/client";
import { cursorBatches } from "@/platform/db/cursor";

export const JUDGMENT_COLUMNS = [
  "study",
  "prompt_id",
  "category",
  "reference_model",
  "baseline_model",
  "verdict",
  "winner_model",
  "reference_side_shown",
  "annotator",
  "annotator_group",
  "kind",
  "judge_name",
  "rationale",
  "duration_ms",
  "created_at",
  "excluded",
] as const;
/** An all-pairs study's judgments: the two models as stored (model_a first by name) and the winner among them. */
export const ARENA_JUDGMENT_COLUMNS = [
  "study",
  "prompt_id",
  "category",
  "model_a",
  "model_b",
  "winner",
  "winner_model",
  "model_a_side_shown",
  "annotator",
  "annotator_group",
  "kind",
  "judge_name",
  "rationale",
  "duration_ms",
  "created_at",
  "excluded",
] as const;
/** A rating study's judgments: one row per rated turn (turn empty for a single answer), the label as text. */
export const RATING_JUDGMENT_COLUMNS = [
  "study",
  "prompt_id",
  "category",
  "model",
  "turn",
  "rating",
  "annotator",
  "annotator_group",
  "kind",
  "judge_name",
  "rationale",
  "duration_ms",
  "created_at",
  "excluded",
] as const;
/** Why the results leave a verdict out, if they do: a quality check, a held-out item, or an excluded annotator. */
const EXCLUDED = sql`case when c.check_kind is not null then 'check' when c.excluded_at is not null then 'item'
      when exists (select 1 from annotator_exclusions x where x.study_id = c.study_id and x.user_id = j.user_id)
      then 'annotator' end as excluded`;

/** The texts an export may carry (`texts=1`), per design: the prompt and the response(s) judged. */
export const TEXT_COLUMNS = {
  reference: ["prompt", "reference_response", "baseline_response"],
  all_pairs: ["prompt", "response_a", "response_b"],
  rating: ["prompt", "response"],
} as const;

export type JudgmentExportRow = Record<string, string | number | null> & { id: string };

// Values come back as display text from SQL (timestamps in ISO 8601 UTC), so Node does no per-row parsing and
// every row object has the same shape; study and reference model are bound once, not joined per row.
type Study = { id: number; slug: string; design: string; reference: string | null; scale: string[] | null };
/** A keyset page (`limit` judgments after `afterId`), or null for all of them (read through a cursor). */
type Page = { afterId: string; limit: number } | null;
const exportQuery = (study: Study, page: Page) =>
  study.design === "all_pairs"
    ? arenaQuery(study, page)
    : study.design === "rating"
      ? ratingQuery(study, page)
      : referenceQuery(study, page);
const after = (page: Page) => (page ? sql`and j.id > ${page.afterId}::bigint` : sql``);
const limit = (page: Page) => (page ? sql`limit ${page.limit}` : sql``);

// `limit` judgments, each unnested into its rated turns (so a batch may hold more rows than judgments).
const ratingQuery = (study: Study, page: Page) => sql`
  select j.id::text as id, ${study.slug}::text as study, p.external_id as prompt_id, p.category, m.name as model,
    case when cardinality(j.ratings) > 1 then t.turn::int end as turn,
    ${JSON.stringify(study.scale)}::jsonb ->> t.label::int as rating,
    case when j.kind = 'human' then u.pseudonym end as annotator, u."group" as annotator_group, j.kind::text as kind,
    j.judge_name, j.rationale, j.duration_ms,
    to_char(j.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
    ${EXCLUDED}
  from (select * from judgments j where comparison_id in (select id from comparisons where study_id = ${study.id})
          ${after(page)} order by id ${limit(page)}) j
    cross join lateral unnest(j.ratings) with ordinality as t(label, turn)
    join comparisons c on c.id = j.comparison_id
    join prompts p on p.id = c.prompt_id
    join models m on m.id = c.baseline_model_id
    left join users u on u.id = j.user_id
  where t.label is not null
  order by j.id, t.turn`;

const arenaQuery = (study: Study, page: Page) => sql`
  select j.id::text as id, ${study.slug}::text as study, p.external_id as prompt_id, p.category,
    ma.name as model_a, m.name as model_b,
    case j.verdict when 'tie' then 'tie' when 'reference' then 'model_a' else 'model_b' end as winner,
    case j.verdict when 'tie' then null when 'reference' then ma.name else m.name end as winner_model,
    j.reference_side::text as model_a_side_shown,
    case when j.kind = 'human' then u.pseudonym end as annotator, u."group" as annotator_group, j.kind::text as kind,
    j.judge_name, j.rationale, j.duration_ms,
    to_char(j.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
    ${EXCLUDED}
  from judgments j
    join comparisons c on c.id = j.comparison_id
    join prompts p on p.id = c.prompt_id
    join models m on m.id = c.baseline_model_id
    join responses ra on ra.id = c.reference_response_id
    join models ma on ma.id = ra.model_id
    left join users u on u.id = j.user_id
  where c.study_id = ${study.id} ${after(page)}
  order by j.id
  ${limit(page)}`;

const referenceQuery = (study: Study, page: Page) => sql`
  select j.id::text as id, ${study.slug}::text as study, p.external_id as prompt_id, p.category,
    ${study.reference}::text as reference_model, m.name as baseline_model, j.verdict::text as verdict,
    case j.verdict when 'tie' then null when 'reference' then ${study.reference}::text else m.name end as winner_model,
    j.reference_side::text as reference_side_shown,
    case when j.kind = 'human' then u.pseudonym end as annotator, u."group" as annotator_group, j.kind::text as kind,
    j.judge_name, j.rationale, j.duration_ms,
    to_char(j.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
    ${EXCLUDED}
  from judgments j
    join comparisons c on c.id = j.comparison_id
    join prompts p on p.id = c.prompt_id
    join models m on m.id = c.baseline_model_id
    left join users u on u.id = j.user_id
  where c.study_id = ${study.id} ${after(page)}
  order by j.id
  ${limit(page)}`;

async function exportedStudy(db: Db, slug: string): Promise<Study | undefined> {
  const [study] = rowsOf<Study>(
    await db.execute(sql`select s.id, s.slug, s.design::text as design, s.scale, m.name as reference from studies s
      left join models m on m.id = s.reference_model_id where s.slug = ${slug}`),
  );
  return study;
}

/** The whole export's one query, as the cursor runs it: the benchmark wraps it in COPY for its ceiling. */
export async function judgmentExportQuery(db: Db, slug: string): Promise<SQL | null> {
  const study = await exportedStudy(db, slug);
  return study ? exportQuery(study, null) : null;
}

/**
 * Every live judgment of a study, one export row each, in batches so memory stays flat however many there are:
 * on Postgres through one cursor in a read-only snapshot; on the embedded database in keyset pages (the next
 * fetched while the current one is consumed), which never hold its one session between batches. Annotators
 * appear only by pseudonym.
 */
export async function* judgmentExportBatches(
  db: Db,
  args: { slug: string; batchSize?: number; texts?: boolean },
): AsyncGenerator<JudgmentExportRow[]> {
  // Keyset pages of 4,000 rows (one more prefetched): 10,000 peaked at 270-286 MB at 1M rows, 4,000 at 230 MB,
  // equally fast. The cursor keeps Node busier (no wait between batches), so garbage builds up faster: 2,000 a
  // fetch peaked at 231-239 MB where 4,000 reached 248-255 MB, 3% faster.
  const size = args.batchSize ?? (hasOwnConnections(db) ? 2000 : 4000);
  const study = await exportedStudy(db, args.slug);
  if (!study) return;
  const addTexts = (rows: JudgmentExportRow[]) => (args.texts ? withTexts(db, study, rows) : rows);
  const cursor = cursorBatches<JudgmentExportRow>(db, exportQuery(study, null), size);
  if (cursor) {
    for await (const rows of cursor) yield await addTexts(rows);
    return;
  }
  const fetchAfter = (afterId: string) => {
    const p = db
      .execute(exportQuery(study, { afterId, limit: size }))
      .then((r) => addTexts(rowsOf<JudgmentExportRow>(r)));
    p.catch(() => {}); // a prefetch left behind by an early stop must not become an unhandled rejection
    return p;
  };
  let pending = fetchAfter("0");
  for (;;) {
    const batch = await pending;
    // A full batch of judgments (a rating's turns are several rows of one judgment) means there may be more.
    const full = new Set(batch.map((r) => r.id)).size === size;
    if (full) pending = fetchAfter(batch[batch.length - 1].id);
    if (batch.length) yield batch;
    if (!full) return;
  }
}

/** Adds the prompt and response texts to a batch's rows, read in one query for the batch. */
async function withTexts(db: Db, study: Study, rows: JudgmentExportRow[]): Promise<JudgmentExportRow[]> {
  if (rows.length === 0) return rows;
  const ids = [...new Set(rows.map((r) => r.id))];
  const texts = rowsOf<{ id: string; prompt: string; first: string; second: string }>(
    await db.execute(sql`select j.id::text as id,
        coalesce(p.text, (select string_agg((m ->> 'role') || ': ' || (m ->> 'content'), E'\n\n')
          from jsonb_array_elements(p.messages) m)) as prompt,
        ra.text as first, rb.text as second
      from judgments j join comparisons c on c.id = j.comparison_id join prompts p on p.id = c.prompt_id
        join responses ra on ra.id = c.reference_response_id join responses rb on rb.id = c.baseline_response_id
      where j.id = any(${`{${ids.join(",")}}`}::bigint[])`),
  );
  const byId = new Map(texts.map((t) => [t.id, t]));
  const [, a, b] = TEXT_COLUMNS[study.design as keyof typeof TEXT_COLUMNS];
  return rows.map((r) => {
    const t = byId.get(r.id)!;
    return b
      ? { ...r, prompt: t.prompt, [a]: t.first, [b]: t.second }
      : { ...r, prompt: t.prompt, [a]: t.first };
  });
}
