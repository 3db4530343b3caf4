import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { ResultFilters } from "@/features/results/schemas";
import { rowsOf, type Db } from "@/platform/db/client";

export type Kind = "human" | "judge";

/** WHERE clause over judgments j, comparisons c, prompts p, users u for a study, a kind and the filters. */
export function scope(studyId: number, kind: Kind | null, f: ResultFilters): SQL {
  // Held-out items, quality checks and excluded annotators never count (their verdicts stay stored and exported, marked).
  const parts: SQL[] = [
    sql`c.study_id = ${studyId}`,
    sql`c.excluded_at is null`,
    sql`c.check_kind is null`,
    sql`(j.user_id is null or not exists (select 1 from annotator_exclusions x
      where x.study_id = c.study_id and x.user_id = j.user_id))`,
  ];
  if (kind) parts.push(sql`j.kind = ${kind}`);
  if (f.group) parts.push(sql`(j.kind = 'judge' or u."group" = ${f.group})`);
  if (f.category) parts.push(sql`p.category = ${f.category}`);
  if (f.source) parts.push(sql`p.source = ${f.source}`);
  if (f.from) parts.push(sql`j.created_at >= ${f.from}::date`);
  if (f.to) parts.push(sql`j.created_at < (${f.to}::date + 1)`);
  return sql.join(parts, sql` and `);
}

export const FROM = sql`judgments j join comparisons c on c.id = j.comparison_id join prompts p on p.id = c.prompt_id
  left join users u on u.id = j.user_id`;

export type PromptCountRow = {
  baseline: string;
  prompt_id: number;
  /** The prompt's id in the file: a key fixed by the data (internal ids follow the order of import). */
  prompt: string;
  reference: number;
  tie: number;
  baseline_wins: number;
};

// Counts stored verdicts row by row: right for humans (one live verdict each); for judges the results count one
// verdict per (judge, comparison) through judgeUnits, since a judge's two orders are two rows here.
type PromptCountArgs = { studyId: number; kind: Kind; filters: ResultFilters };

const hasFilters = (f: ResultFilters) =>
  Boolean(f.group || f.category || f.source || f.from || f.to || f.exclusions);

/** Whether a study leaves anything out of its results: the trigger-kept counts cannot, so the judgments are read. */
export async function hasExclusions(db: Db, studyId: number): Promise<boolean> {
  const [row] = rowsOf<{ any: boolean }>(
    await db.execute(sql`select exists (select 1 from annotator_exclusions where study_id = ${studyId})
      or exists (select 1 from comparisons where study_id = ${studyId}
        and (excluded_at is not null or check_kind is not null)) as any`),
  );
  return row.any;
}

/**
 * The bootstrap resamples prompts by position, so they come in an order fixed by the data alone: the prompt's
 * own id from the file (internal ids follow the order of import), the same on both query paths.
 */
const CLUSTER_ORDER = sql`order by m.name, p.external_id`;

function promptCountsQuery(args: PromptCountArgs): SQL {
  // Unfiltered results read the trigger-kept counts (one row per comparison); filters need the judgments.
  if (!hasFilters(args.filters)) {
    return sql`select m.name as baseline, c.prompt_id, p.external_id as prompt, v.reference, v.tie, v.baseline as baseline_wins
      from verdict_counts v join comparisons c on c.id = v.comparison_id join models m on m.id = c.baseline_model_id
      join prompts p on p.id = c.prompt_id
      where c.study_id = ${args.studyId} and v.kind = ${args.kind} and v.reference + v.tie + v.baseline > 0
      ${CLUSTER_ORDER}`;
  }
  return sql`select m.name as baseline, c.prompt_id, p.external_id as prompt,
      count(*) filter (where j.verdict = 'reference')::int as reference,
      count(*) filter (where j.verdict = 'tie')::int as tie,
      count(*) filter (where j.verdict = 'baseline')::int as baseline_wins
    from ${FROM} join models m on m.id = c.baseline_model_id
    where ${scope(args.studyId, args.kind, args.filters)}
    group by m.name, c.prompt_id, p.external_id
    ${CLUSTER_ORDER}`;
}

/** Verdict counts per baseline and prompt: the input of the win rates and their bootstrap (one GROUP BY). */
export async function promptCounts(db: Db, args: PromptCountArgs): Promise<PromptCountRow[]> {
  return rowsOf<PromptCountRow>(await db.execute(promptCountsQuery(args)));
}

/** The same query as text and parameters, for the benchmark's bare-client baseline. */
export function promptCountsSql(args: PromptCountArgs): { text: string; params: unknown[] } {
  const q = new PgDialect().sqlToQuery(promptCountsQuery(args));
  return { text: q.sql, params: q.params };
}

export type ComparisonCountRow = {
  comparison_id: number;
  baseline: string;
  prompt: string;
  /** Lengths of the two responses in characters (Unicode code points). */
  ref_len: number;
  base_len: number;
  h_base: number;
  h_tie: number;
  h_ref: number;
};

/** The responses' lengths, joined onto comparisons c. */
const LENGTHS = sql`join responses rr on rr.id = c.reference_response_id join responses br on br.id = c.baseline_response_id`;

/**
 * Human verdict counts per comparison with its responses' lengths (agreement, length bias; judges' verdicts come
 * from judgeUnits), in an order fixed by the data: baseline, then the prompt's id in the file.
 */
export async function comparisonCounts(
  db: Db,
  args: { studyId: number; filters: ResultFilters },
): Promise<ComparisonCountRow[]> {
  return rowsOf<ComparisonCountRow>(
    await db.execute(sql`select j.comparison_id, m.name as baseline, p.external_id as prompt,
        char_length(rr.text)::int as ref_len, char_length(br.text)::int as base_len,
        count(*) filter (where j.verdict = 'baseline')::int as h_base,
        count(*) filter (where j.verdict = 'tie')::int as h_tie,
        count(*) filter (where j.verdict = 'reference')::int as h_ref
      from ${FROM} join models m on m.id = c.baseline_model_id ${LENGTHS}
      where ${scope(args.studyId, "human", args.filters)}
      group by j.comparison_id, m.name, p.external_id, rr.id, br.id
      ${CLUSTER_ORDER}`),
  );
}

export type RaterCellRow = {
  baseline: string;
  prompt: string;
  rater: number;
  reference: number;
  tie: number;
  baseline_wins: number;
};

/**
 * Human verdict counts per baseline, prompt and annotator: the cells of the two-way bootstrap. A rater is numbered
 * by the rank of a key fixed by the data (the annotator's id in the file, or the e-mail), not by a random pseudonym
 * or an internal id, so the same verdicts give the same intervals whatever the order of import.
 */
export async function raterCells(
  db: Db,
  args: { studyId: number; filters: ResultFilters },
): Promise<RaterCellRow[]> {
  return rowsOf<RaterCellRow>(
    await db.execute(sql`select m.name as baseline, p.external_id as prompt,
        (dense_rank() over (order by coalesce(u.external_id, u.email, u.pseudonym)))::int as rater,
        count(*) filter (where j.verdict = 'reference')::int as reference,
        count(*) filter (where j.verdict = 'tie')::int as tie,
        count(*) filter (where j.verdict = 'baseline')::int as baseline_wins
      from ${FROM} join models m on m.id = c.baseline_model_id
      where ${scope(args.studyId, "human", args.filters)}
      group by m.name, p.external_id, coalesce(u.external_id, u.email, u.pseudonym)
      ${CLUSTER_ORDER}, 3`),
  );
}

export type PairTableRow = { a: string; b: string; va: string; vb: string; n: number };

/** Contingency counts of every pair of human annotators over the comparisons they share (Cohen's kappa). */
export async function annotatorPairTables(
  db: Db,
  args: { studyId: number; filters: ResultFilters },
): Promise<PairTableRow[]> {
  return rowsOf<PairTableRow>(
    await db.execute(sql`with h as (select j.comparison_id, u.pseudonym, j.verdict from ${FROM}
        where ${scope(args.studyId, "human", args.filters)})
      select h1.pseudonym as a, h2.pseudonym as b, h1.verdict::text as va, h2.verdict::text as vb, count(*)::int as n
      from h h1 join h h2 on h1.comparison_id = h2.comparison_id and h1.pseudonym < h2.pseudonym
      group by 1, 2, 3, 4`),
  );
}

export type AnnotatorRow = {
  annotator: string;
  judgments: number;
  median_ms: number | null;
  ties: number;
  left_wins: number;
  decided: number;
  with_majority: number;
  agree_majority: number;
};

/**
 * Per human annotator: judgments, median time, ties, verdicts for the left response (ties excluded), and
 * agreement with the unique plurality verdict of the other annotators on the same comparison.
 */
export async function annotatorStats(
  db: Db,
  args: { studyId: number; filters: ResultFilters },
): Promise<AnnotatorRow[]> {
  return rowsOf<AnnotatorRow>(
    await db.execute(sql`with h as (
        select j.id, j.comparison_id, u.pseudonym, j.verdict, j.reference_side, j.duration_ms from ${FROM}
        where ${scope(args.studyId, "human", args.filters)}),
      cv as (select comparison_id, verdict, count(*)::int as n from h group by 1, 2),
      others as (
        select h.id, h.pseudonym, h.verdict as mine, cv.verdict as other, cv.n - (cv.verdict = h.verdict)::int as n
        from h join cv on cv.comparison_id = h.comparison_id),
      ranked as (
        select id, pseudonym, mine, other, rank() over (partition by id order by n desc) as r,
          count(*) over (partition by id, n) as tied
        from others where n > 0),
      majority as (
        select pseudonym, count(*)::int as with_majority, count(*) filter (where mine = other)::int as agree_majority
        from ranked where r = 1 and tied = 1 group by pseudonym)
      select h.pseudonym as annotator, count(*)::int as judgments,
        percentile_cont(0.5) within group (order by h.duration_ms) as median_ms,
        count(*) filter (where h.verdict = 'tie')::int as ties,
        count(*) filter (where (h.verdict = 'reference' and h.reference_side = 'left')
                            or (h.verdict = 'baseline' and h.reference_side = 'right'))::int as left_wins,
        count(*) filter (where h.verdict <> 'tie' and h.reference_side is not null)::int as decided,
        coalesce(max(m.with_majority), 0)::int as with_majority,
        coalesce(max(m.agree_majority), 0)::int as agree_majority
      from h left join majority m on m.pseudonym = h.pseudonym
      group by h.pseudonym order by h.pseudonym`),
  );
}

export type JudgeConsistencyRow = { judge: string; pairs: number; consistent: number };

/** For judges asked in both orders of a comparison: how often their verdict did not depend on the order. */
export async function judgeConsistency(
  db: Db,
  args: { studyId: number; filters: ResultFilters },
): Promise<JudgeConsistencyRow[]> {
  return rowsOf<JudgeConsistencyRow>(
    await db.execute(sql`with g as (select j.comparison_id, j.judge_name, j.reference_side, j.verdict from ${FROM}
        where ${scope(args.studyId, "judge", args.filters)})
      select l.judge_name as judge, count(*)::int as pairs, count(*) filter (where l.verdict = r.verdict)::int as consistent
      from g l join g r on l.comparison_id = r.comparison_id and l.judge_name = r.judge_name
        and l.reference_side = 'left' and r.reference_side = 'right'
      group by 1 order by 1`),
  );
}

/** Distinct filter values offered on the results page. */
export async function filterOptions(db: Db, studyId: number) {
  const groups = rowsOf<{ v: string }>(
    await db.execute(sql`select distinct u."group" as v from judgments j join comparisons c on c.id = j.comparison_id
      join users u on u.id = j.user_id where c.study_id = ${studyId} and u."group" is not null order by 1`),
  );
  const categories = rowsOf<{ v: string }>(
    await db.execute(
      sql`select distinct category as v from prompts where study_id = ${studyId} and category is not null order by 1`,
    ),
  );
  const sources = rowsOf<{ v: string }>(
    await db.execute(
      sql`select distinct source as v from prompts where study_id = ${studyId} and source is not null order by 1`,
    ),
  );
  return {
    groups: groups.map((r) => r.v),
    categories: categories.map((r) => r.v),
    sources: sources.map((r) => r.v),
  };
}

export type JudgeUnitRow = {
  judge: string;
  comparison_id: number;
  prompt_id: number;
  prompt: string;
  baseline: string;
  verdict: string;
  ref_len: number;
  base_len: number;
};

/**
 * One verdict per (judge, comparison), as MT-Bench counts a judge asked in both orders: the verdict when the orders
 * agree, a tie when they do not. Ordered by baseline and the prompt's file id (the bootstrap's cluster order).
 */
export async function judgeUnits(
  db: Db,
  args: { studyId: number; filters: ResultFilters },
): Promise<JudgeUnitRow[]> {
  return rowsOf<JudgeUnitRow>(
    await db.execute(sql`select j.judge_name as judge, j.comparison_id, c.prompt_id, p.external_id as prompt,
        m.name as baseline,
        (case when count(distinct j.verdict) = 1 then min(j.verdict::text) else 'tie' end) as verdict,
        char_length(rr.text)::int as ref_len, char_length(br.text)::int as base_len
      from ${FROM} join models m on m.id = c.baseline_model_id ${LENGTHS}
      where ${scope(args.studyId, "judge", args.filters)}
      group by j.judge_name, j.comparison_id, c.prompt_id, m.name, p.external_id, rr.id, br.id
      ${CLUSTER_ORDER}, j.judge_name`),
  );
}

export type JudgePositionRow = { judge: string; left_wins: number; decided: number };

/** Each judge's verdicts for the answer shown first, over its single-order verdicts (ties out). */
export async function judgePositions(
  db: Db,
  args: { studyId: number; filters: ResultFilters },
): Promise<JudgePositionRow[]> {
  return rowsOf<JudgePositionRow>(
    await db.execute(sql`select j.judge_name as judge,
        count(*) filter (where (j.verdict = 'reference' and j.reference_side = 'left')
                            or (j.verdict = 'baseline' and j.reference_side = 'right'))::int as left_wins,
        count(*) filter (where j.verdict <> 'tie' and j.reference_side is not null)::int as decided
      from ${FROM} where ${scope(args.studyId, "judge", args.filters)}
      group by j.judge_name order by j.judge_name`),
  );
}
