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

/**
 * Contingency counts of every pair of human annotators over the comparisons they share (Cohen's kappa). The
 * database returns each shared comparison's verdicts once and the pairs are counted here: a comparison with k
 * verdicts has k(k-1)/2 pairs, and a self-join that built them as rows took 36 s at 1M verdicts with k = 20.
 */
export async function annotatorPairTables(
  db: Db,
  args: { studyId: number; filters: ResultFilters },
): Promise<PairTableRow[]> {
  const rows = rowsOf<{ who: string[]; what: string[] }>(
    await db.execute(sql`select array_agg(u.pseudonym order by u.pseudonym) as who,
        array_agg(j.verdict::text order by u.pseudonym) as what
      from ${FROM} where ${scope(args.studyId, "human", args.filters)} and u.pseudonym is not null
      group by j.comparison_id having count(*) > 1`),
  );
  // Annotators as numbers and a pair's cell as one number key: 9.5M pairs at 1M verdicts with k = 20.
  const names: string[] = [];
  const index = new Map<string, number>();
  const id = (name: string) => {
    let i = index.get(name);
    if (i === undefined) index.set(name, (i = names.push(name) - 1));
    return i;
  };
  const VERDICT_CODES: Record<string, number> = { baseline: 0, tie: 1, reference: 2 };
  const VERDICT_NAMES = ["baseline", "tie", "reference"];
  const numbered = rows.map(({ who, what }) => ({
    ids: who.map(id),
    codes: what.map((v) => VERDICT_CODES[v]),
  }));
  const n = names.length;
  const counts = new Map<number, number>();
  for (const { ids, codes } of numbered)
    for (let i = 0; i < ids.length; i++)
      for (let k = i + 1; k < ids.length; k++) {
        if (ids[i] === ids[k]) continue; // one annotator's two verdicts (never two live ones): not a pair
        const key = (ids[i] * n + ids[k]) * 9 + codes[i] * 3 + codes[k];
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
  return [...counts].map(([key, count]) => {
    const pair = Math.floor(key / 9);
    return {
      a: names[Math.floor(pair / n)],
      b: names[pair % n],
      va: VERDICT_NAMES[Math.floor((key % 9) / 3)],
      vb: VERDICT_NAMES[key % 3],
      n: count,
    };
  });
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
    // The other annotators' verdict counts on each comparison come from one row per comparison (its counts less
    // the annotator's own verdict): no row per (verdict, other verdict) and no window (10 s at 1M verdicts).
    await db.execute(sql`with h as (
        select j.comparison_id, u.pseudonym, j.verdict, j.reference_side, j.duration_ms from ${FROM}
        where ${scope(args.studyId, "human", args.filters)}),
      cv as (select comparison_id, count(*) filter (where verdict = 'baseline') as nb,
          count(*) filter (where verdict = 'tie') as nt, count(*) filter (where verdict = 'reference') as nr
        from h group by 1),
      o as (select h.*, cv.nb - (h.verdict = 'baseline')::int as ob, cv.nt - (h.verdict = 'tie')::int as ot,
          cv.nr - (h.verdict = 'reference')::int as orf
        from h join cv on cv.comparison_id = h.comparison_id),
      m as (select o.*, greatest(ob, ot, orf) as top from o),
      -- A unique plurality among the others: the largest count, held by one verdict alone.
      u as (select m.*, top > 0 and ((ob = top)::int + (ot = top)::int + (orf = top)::int) = 1 as has_majority,
          case verdict when 'baseline' then ob when 'tie' then ot else orf end = top as mine_is_top
        from m)
      select h.pseudonym as annotator, count(*)::int as judgments,
        percentile_cont(0.5) within group (order by h.duration_ms) as median_ms,
        count(*) filter (where h.verdict = 'tie')::int as ties,
        count(*) filter (where (h.verdict = 'reference' and h.reference_side = 'left')
                            or (h.verdict = 'baseline' and h.reference_side = 'right'))::int as left_wins,
        count(*) filter (where h.verdict <> 'tie' and h.reference_side is not null)::int as decided,
        count(*) filter (where h.has_majority)::int as with_majority,
        count(*) filter (where h.has_majority and h.mine_is_top)::int as agree_majority
      from u h
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
