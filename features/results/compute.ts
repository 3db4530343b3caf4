import { eq } from "drizzle-orm";
import type { Db } from "@/platform/db/client";
import {
  annotatorPairTables,
  annotatorStats,
  comparisonCounts,
  hasExclusions,
  judgeConsistency,
  judgePositions,
  judgeUnits,
  promptCounts,
  raterCells,
  type ComparisonCountRow,
  type Kind,
} from "@/features/results/queries";
import { models, publishedResults, studies } from "@/db/schema";
import { fleissKappa, krippendorffAlpha, pairwiseAgreement } from "@/features/results/stats/agreement";
import { agreementIntervals } from "@/features/results/stats/agreement-ci";
import { bradleyTerryRanking, type PairOutcome, type Ranked } from "@/features/results/stats/bradley-terry";
import { planPrompts, type Plan } from "@/features/results/stats/planning";
import type { ResultFilters } from "@/features/results/schemas";

import { annotatorResults, type AnnotatorResult, type HumanPosition } from "./annotators";
import { kindResults, type BaselineResult, type KindResult } from "./baselines";
import { cohenPerPair } from "./cohen";
import { judgeResults, type Agreement, type JudgeResult, type Position } from "./judges";

export type { Agreement, BaselineResult };
export type StudyResults = {
  study: string;
  title: string;
  reference: string;
  human: KindResult & { agreement: Agreement; position: HumanPosition };
  /** Every judge's one verdict per comparison (both orders: agree -> that verdict, disagree -> tie), pooled. */
  judge: KindResult & {
    agreement: Agreement;
    position: Position;
    consistency: { judge: string; pairs: number; consistent: number }[];
  };
  /** Each judge on its own. */
  judges: JudgeResult[];
  annotators: AnnotatorResult[];
  cohen: { a: string; b: string; n: number; kappa: number | null }[];
  ranking: Ranked[];
  /** Prompts needed per baseline for a 95% interval of the reference-win rate of this half-width (humans). */
  planning: { halfWidth: number; baselines: { model: string; plan: Plan | null }[] };
  published: {
    baseline: string;
    kind: Kind;
    referenceWins: number;
    ties: number;
    baselineWins: number;
    source: string;
  }[];
};

/** The half-width a plan is drawn for unless one is asked for. */
const DEFAULT_PLAN_HALF_WIDTH = 0.05;

function humanAgreement(items: number[][]): Agreement {
  const rated = items.filter((c) => c.reduce((a, b) => a + b, 0) >= 2);
  const pairwise = pairwiseAgreement(rated);
  return {
    comparisons: pairwise.comparisons,
    tieDiscounted: pairwise.tieDiscounted,
    exact: pairwise.exact,
    fleissKappa: fleissKappa(rated),
    krippendorffAlpha: krippendorffAlpha(rated, "ordinal"),
    ci95: agreementIntervals(rated),
  };
}

/** Comparisons in an order fixed by the data alone (not the database's collation): baseline, then prompt id. */
const byComparisonKey = (x: ComparisonCountRow, y: ComparisonCountRow) =>
  x.baseline < y.baseline
    ? -1
    : x.baseline > y.baseline
      ? 1
      : x.prompt < y.prompt
        ? -1
        : x.prompt > y.prompt
          ? 1
          : 0;

/** Everything the results page, the CLI and the summary export show, computed from SQL aggregates. */
export async function studyResults(
  db: Db,
  args: { slug: string; filters?: ResultFilters; plan?: number },
): Promise<StudyResults | null> {
  const filters = args.filters ?? {};
  const [study] = await db
    .select({ id: studies.id, title: studies.title, reference: models.name })
    .from(studies)
    .innerJoin(models, eq(models.id, studies.referenceModelId))
    .where(eq(studies.slug, args.slug));
  if (!study) return null;
  const q = { studyId: study.id, filters: { ...filters, exclusions: await hasExclusions(db, study.id) } };
  const [humanRows, cells, units, positions, comparisons, pairTables, annotatorRows, consistency, published] =
    await Promise.all([
      promptCounts(db, { ...q, kind: "human" }),
      raterCells(db, q),
      judgeUnits(db, q),
      judgePositions(db, q),
      comparisonCounts(db, q),
      annotatorPairTables(db, q),
      annotatorStats(db, q),
      judgeConsistency(db, q),
      db.select().from(publishedResults).where(eq(publishedResults.studyId, study.id)),
    ]);
  comparisons.sort(byComparisonKey);

  const judged = judgeResults({
    units,
    humans: new Map(comparisons.map((r) => [r.comparison_id, [r.h_base, r.h_tie, r.h_ref]])),
    consistency,
    positions,
  });
  const human = kindResults({
    prompts: humanRows,
    cells,
    lengths: comparisons.map((r) => ({
      baseline: r.baseline,
      prompt: r.prompt,
      referenceLength: r.ref_len,
      baselineLength: r.base_len,
      reference: r.h_ref,
      tie: r.h_tie,
      baselineWins: r.h_base,
    })),
  });
  const { annotators, position } = annotatorResults(annotatorRows);

  // Bradley-Terry over every model in the study: each prompt's verdicts, ties as half a win.
  const perPrompt = new Map<string, PairOutcome[]>();
  for (const r of humanRows) {
    const n = r.reference + r.tie + r.baseline_wins;
    perPrompt.set(r.prompt, [
      ...(perPrompt.get(r.prompt) ?? []),
      { a: study.reference, b: r.baseline, winsA: r.reference + 0.5 * r.tie, n },
    ]);
  }
  const halfWidth = args.plan ?? DEFAULT_PLAN_HALF_WIDTH;

  return {
    study: args.slug,
    title: study.title,
    reference: study.reference,
    human: {
      ...human,
      agreement: humanAgreement(comparisons.map((r) => [r.h_base, r.h_tie, r.h_ref])),
      position,
    },
    judge: { ...judged.pooled, consistency },
    judges: judged.judges,
    annotators,
    cohen: cohenPerPair(pairTables),
    ranking: await bradleyTerryRanking(
      [...perPrompt].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, outcomes]) => outcomes),
    ),
    planning: {
      halfWidth,
      baselines: human.baselines.map((b) => ({
        model: b.model,
        plan: planPrompts(
          humanRows
            .filter((r) => r.baseline === b.model)
            .map((r) => ({ reference: r.reference, tie: r.tie, baseline: r.baseline_wins })),
          halfWidth,
        ),
      })),
    },
    published: published.map((p) => ({
      baseline: p.baseline,
      kind: p.kind,
      referenceWins: p.referenceWins,
      ties: p.ties,
      baselineWins: p.baselineWins,
      source: p.source,
    })),
  };
}
