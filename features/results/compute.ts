import { eq } from "drizzle-orm";
import type { Db } from "@/platform/db/client";
import {
  annotatorPairTables,
  annotatorStats,
  comparisonCounts,
  judgeConsistency,
  judgePositions,
  judgeUnits,
  promptCounts,
  type Kind,
} from "@/features/results/queries";
import { models, publishedResults, studies } from "@/db/schema";
import {
  cohenKappa,
  fleissKappa,
  krippendorffAlpha,
  pairwiseAgreement,
} from "@/features/results/stats/agreement";
import { binomialTwoSided } from "@/features/results/stats/binomial";
import { bradleyTerryRanking, type PairOutcome, type Ranked } from "@/features/results/stats/bradley-terry";
import type { ResultFilters } from "@/features/results/schemas";

import { byBaseline, type BaselineResult } from "./baselines";
import { judgeResults, type Agreement, type JudgeResult } from "./judges";

export type { Agreement, BaselineResult };
export type StudyResults = {
  study: string;
  title: string;
  reference: string;
  human: { baselines: BaselineResult[]; agreement: Agreement };
  /** Every judge's one verdict per comparison (both orders: agree -> that verdict, disagree -> tie), pooled. */
  judge: {
    baselines: BaselineResult[];
    agreement: Agreement;
    consistency: { judge: string; pairs: number; consistent: number }[];
  };
  /** Each judge on its own. */
  judges: JudgeResult[];
  /** rate and p are null when nothing was decided (a test of nothing is not p = 1). */
  positionBias: { left: number; decided: number; rate: number | null; p: number | null };
  annotators: {
    annotator: string;
    judgments: number;
    medianMs: number | null;
    tieRate: number;
    agreementWithMajority: number | null;
    leftRate: number | null;
    leftP: number | null;
  }[];
  cohen: { a: string; b: string; n: number; kappa: number | null }[];
  ranking: Ranked[];
  published: {
    baseline: string;
    kind: Kind;
    referenceWins: number;
    ties: number;
    baselineWins: number;
    source: string;
  }[];
};

const VERDICTS = ["baseline", "tie", "reference"] as const;

function agreementOf(
  items: number[][],
  pairwise: { comparisons: number; tieDiscounted: number | null; exact: number | null },
): Agreement {
  const rated = items.filter((c) => c.reduce((a, b) => a + b, 0) >= 2);
  return {
    comparisons: pairwise.comparisons,
    tieDiscounted: pairwise.tieDiscounted,
    exact: pairwise.exact,
    fleissKappa: fleissKappa(rated),
    krippendorffAlpha: krippendorffAlpha(rated, "ordinal"),
  };
}

/** Everything the results page, the CLI and the summary export show, computed from SQL aggregates. */
export async function studyResults(
  db: Db,
  args: { slug: string; filters?: ResultFilters },
): Promise<StudyResults | null> {
  const filters = args.filters ?? {};
  const [study] = await db
    .select({ id: studies.id, title: studies.title, reference: models.name })
    .from(studies)
    .innerJoin(models, eq(models.id, studies.referenceModelId))
    .where(eq(studies.slug, args.slug));
  if (!study) return null;
  const q = { studyId: study.id, filters };
  const [humanRows, units, positions, perComparison, pairTables, annotators, consistency, published] =
    await Promise.all([
      promptCounts(db, { ...q, kind: "human" }),
      judgeUnits(db, q),
      judgePositions(db, q),
      comparisonCounts(db, q),
      annotatorPairTables(db, q),
      annotatorStats(db, q),
      judgeConsistency(db, q),
      db.select().from(publishedResults).where(eq(publishedResults.studyId, study.id)),
    ]);

  const human = perComparison.map((r) => [r.h_base, r.h_tie, r.h_ref]);
  const judged = judgeResults({
    units,
    humans: new Map(perComparison.map((r) => [r.comparison_id, [r.h_base, r.h_tie, r.h_ref]])),
    consistency,
    positions,
  });

  const tables = new Map<string, number[][]>();
  for (const r of pairTables) {
    const key = `${r.a}\u0000${r.b}`;
    if (!tables.has(key))
      tables.set(
        key,
        VERDICTS.map(() => [0, 0, 0]),
      );
    tables.get(key)![VERDICTS.indexOf(r.va as never)][VERDICTS.indexOf(r.vb as never)] += r.n;
  }
  const cohen = [...tables]
    .map(([key, t]) => {
      const [a, b] = key.split("\u0000");
      return { a, b, n: t.flat().reduce((x, y) => x + y, 0), kappa: cohenKappa(t) };
    })
    .filter((c) => c.n >= 20);

  const left = annotators.reduce((s, a) => s + a.left_wins, 0);
  const decided = annotators.reduce((s, a) => s + a.decided, 0);

  // Bradley-Terry over every model in the study: each prompt's verdicts, ties as half a win.
  const perPrompt = new Map<number, PairOutcome[]>();
  for (const r of humanRows) {
    const n = r.reference + r.tie + r.baseline_wins;
    perPrompt.set(r.prompt_id, [
      ...(perPrompt.get(r.prompt_id) ?? []),
      { a: study.reference, b: r.baseline, winsA: r.reference + 0.5 * r.tie, n },
    ]);
  }

  return {
    study: args.slug,
    title: study.title,
    reference: study.reference,
    human: { baselines: byBaseline(humanRows), agreement: agreementOf(human, pairwiseAgreement(human)) },
    judge: { ...judged.pooled, consistency },
    judges: judged.judges,
    positionBias: {
      left,
      decided,
      rate: decided ? left / decided : null,
      p: decided ? binomialTwoSided(left, decided) : null,
    },
    annotators: annotators.map((a) => ({
      annotator: a.annotator,
      judgments: a.judgments,
      medianMs: a.median_ms === null ? null : Number(a.median_ms),
      tieRate: a.ties / a.judgments,
      agreementWithMajority: a.with_majority ? a.agree_majority / a.with_majority : null,
      leftRate: a.decided ? a.left_wins / a.decided : null,
      leftP: a.decided ? binomialTwoSided(a.left_wins, a.decided) : null,
    })),
    cohen,
    ranking: bradleyTerryRanking([...perPrompt.values()]),
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
