import { eq, sql } from "drizzle-orm";
import { studies } from "@/db/schema";
import { rowsOf, type Db } from "@/platform/db/client";
import type { Agreement } from "./judges";
import { FROM, scope } from "./queries";
import type { ResultFilters } from "./schemas";
import { fleissKappa, krippendorffAlpha, pairwiseAgreement } from "./stats/agreement";
import { agreementIntervals } from "./stats/agreement-ci";
import type { PairOutcome } from "./stats/bradley-terry";
import { eloDifferenceWidths, eloRanking, type EloRanked } from "./stats/elo";
import { chunks } from "@/platform/db/chunks";

type PairCountRow = {
  comparison_id: number;
  prompt: string;
  model_a: string;
  model_b: string;
  a_wins: number;
  ties: number;
  b_wins: number;
};

/**
 * Human verdict counts per comparison of an all-pairs study, with its two models: model_a is the model in the
 * "reference" columns (the first by name), so a "reference" verdict is a win for model_a.
 */
async function pairCounts(
  db: Db,
  args: { studyId: number; filters: ResultFilters },
): Promise<PairCountRow[]> {
  return rowsOf<PairCountRow>(
    await db.execute(sql`select c.id as comparison_id, p.external_id as prompt, ma.name as model_a, mb.name as model_b,
        count(*) filter (where j.verdict = 'reference')::int as a_wins,
        count(*) filter (where j.verdict = 'tie')::int as ties,
        count(*) filter (where j.verdict = 'baseline')::int as b_wins
      from ${FROM} join responses ra on ra.id = c.reference_response_id join models ma on ma.id = ra.model_id
        join models mb on mb.id = c.baseline_model_id
      where ${scope(args.studyId, "human", args.filters)}
      group by c.id, p.external_id, ma.name, mb.name`),
  );
}

/** Each judge's one verdict per comparison (its orders agree: that verdict; else a tie), with the pair. */
async function judgeVerdicts(db: Db, args: { studyId: number; filters: ResultFilters }) {
  return rowsOf<{ judge: string; prompt: string; model_a: string; model_b: string; verdict: string }>(
    await db.execute(sql`select x.judge, xp.external_id as prompt, ma.name as model_a, mb.name as model_b, x.verdict
      from (select j.comparison_id, j.judge_name as judge,
              case when count(distinct j.verdict) = 1 then min(j.verdict::text) else 'tie' end as verdict
            from ${FROM} where ${scope(args.studyId, "judge", args.filters)} and j.verdict is not null group by 1, 2) x
        join comparisons xc on xc.id = x.comparison_id join prompts xp on xp.id = xc.prompt_id
        join responses ra on ra.id = xc.reference_response_id join models ma on ma.id = ra.model_id
        join models mb on mb.id = xc.baseline_model_id`),
  );
}

export type ArenaResults = {
  study: string;
  title: string;
  /** Each LLM judge's own leaderboard, from its one verdict per comparison. */
  judges: { judge: string; ranking: EloRanked[] }[];
  ranking: EloRanked[];
  pairs: { modelA: string; modelB: string; aWins: number; ties: number; bWins: number }[];
  agreement: Agreement;
};

/**
 * Each prompt's outcomes (ties as half a win), sorting the rows into an order fixed by the data first: prompt id,
 * then the pair, so the bootstrap's clusters do not depend on the order of import.
 */
function outcomesByPrompt(rows: PairCountRow[]): Map<string, PairOutcome[]> {
  rows.sort(
    (x, y) => byKey(x.prompt, y.prompt) || byKey(x.model_a, y.model_a) || byKey(x.model_b, y.model_b),
  );
  const perPrompt = new Map<string, PairOutcome[]>();
  for (const r of rows) {
    const list = perPrompt.get(r.prompt) ?? [];
    list.push({
      a: r.model_a,
      b: r.model_b,
      winsA: r.a_wins + 0.5 * r.ties,
      n: r.a_wins + r.ties + r.b_wins,
    });
    perPrompt.set(r.prompt, list);
  }
  return perPrompt;
}

/** A study's design, or null for no such study. */
export async function studyDesignOf(db: Db, slug: string) {
  const [study] = await db.select({ design: studies.design }).from(studies).where(eq(studies.slug, slug));
  return study?.design ?? null;
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** An all-pairs study's leaderboard (human verdicts), pairwise counts and agreement. Null for no such study. */
export async function arenaResults(
  db: Db,
  args: { slug: string; filters?: ResultFilters },
): Promise<ArenaResults | null> {
  const [study] = await db
    .select({ id: studies.id, title: studies.title, design: studies.design })
    .from(studies)
    .where(eq(studies.slug, args.slug));
  if (!study || study.design !== "all_pairs") return null;
  const rows = await pairCounts(db, { studyId: study.id, filters: args.filters ?? {} });
  const perPrompt = outcomesByPrompt(rows);
  const pairs = new Map<string, ArenaResults["pairs"][number]>();
  for (const r of rows) {
    const key = `${r.model_a}\u0000${r.model_b}`;
    const p = pairs.get(key) ?? { modelA: r.model_a, modelB: r.model_b, aWins: 0, ties: 0, bWins: 0 };
    p.aWins += r.a_wins;
    p.ties += r.ties;
    p.bWins += r.b_wins;
    pairs.set(key, p);
  }
  const items = rows.map((r) => [r.b_wins, r.ties, r.a_wins]).filter((c) => c[0] + c[1] + c[2] >= 2);
  const pairwise = pairwiseAgreement(items);
  const judged = await judgeVerdicts(db, { studyId: study.id, filters: args.filters ?? {} });
  const judges = [];
  for (const judge of [...new Set(judged.map((v) => v.judge))].sort()) {
    const byPrompt = new Map<string, PairOutcome[]>();
    for (const v of judged
      .filter((x) => x.judge === judge)
      .sort(
        (x, y) => byKey(x.prompt, y.prompt) || byKey(x.model_a, y.model_a) || byKey(x.model_b, y.model_b),
      )) {
      const win = v.verdict === "reference" ? 1 : v.verdict === "tie" ? 0.5 : 0;
      byPrompt.set(v.prompt, [
        ...(byPrompt.get(v.prompt) ?? []),
        { a: v.model_a, b: v.model_b, winsA: win, n: 1 },
      ]);
    }
    judges.push({ judge, ranking: await eloRanking([...byPrompt.values()]) });
  }
  return {
    study: args.slug,
    title: study.title,
    judges,
    ranking: await eloRanking([...perPrompt.values()]),
    pairs: [...pairs.values()].sort((x, y) => byKey(x.modelA, y.modelA) || byKey(x.modelB, y.modelB)),
    agreement: {
      comparisons: pairwise.comparisons,
      tieDiscounted: pairwise.tieDiscounted,
      exact: pairwise.exact,
      fleissKappa: fleissKappa(items),
      krippendorffAlpha: krippendorffAlpha(items, "ordinal"),
      ci95: agreementIntervals(items),
    },
  };
}

/**
 * For an all-pairs study that serves uncertain pairs first: sets each open comparison's queue key to minus the
 * width of its pair's Elo-difference interval (human verdicts so far), so that among the comparisons with the
 * fewest verdicts those of the least certain pair are served first (a pair no verdict places comes first of all).
 * Run on every change of the setting and every import, and by `studies prioritise`.
 */
export async function prioritiseUncertainPairs(
  db: Db,
  slug: string,
): Promise<{ comparisons: number } | null> {
  const [study] = await db
    .select({ id: studies.id, design: studies.design, pairOrder: studies.pairOrder })
    .from(studies)
    .where(eq(studies.slug, slug));
  if (!study || study.design !== "all_pairs" || study.pairOrder !== "uncertain") return null;
  const rows = await pairCounts(db, { studyId: study.id, filters: {} });
  const widths = await eloDifferenceWidths([...outcomesByPrompt(rows).values()]);
  const queue = rowsOf<{ id: number; model_a: string; model_b: string }>(
    await db.execute(sql`select c.id, ma.name as model_a, mb.name as model_b from comparisons c
      join responses ra on ra.id = c.reference_response_id join models ma on ma.id = ra.model_id
      join models mb on mb.id = c.baseline_model_id where c.study_id = ${study.id}`),
  );
  // A pair never placed sorts first; within a pair, the comparison id spreads the prompts.
  const keyOf = (c: (typeof queue)[number]) => {
    const width = widths.get(`${c.model_a}\u0000${c.model_b}`) ?? Infinity;
    return (Number.isFinite(width) ? -width : -1e9) + ((c.id * 2654435761) % 1000) / 1e6;
  };
  for (const batch of chunks(queue, 5000)) {
    const values = sql.join(
      batch.map((c) => sql`(${c.id}::int, ${keyOf(c)}::float8)`),
      sql`, `,
    );
    await db.execute(sql`update comparison_queue q set queue_key = v.k from (values ${values}) as v(id, k)
      where q.comparison_id = v.id`);
  }
  return { comparisons: queue.length };
}
