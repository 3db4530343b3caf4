import { eq } from "drizzle-orm";
import type { Db } from "@/platform/db/client";
import {
  annotatorPairTables,
  annotatorStats,
  comparisonCounts,
  judgeConsistency,
  promptCounts,
  type Kind,
  type PromptCountRow,
} from "@/features/results/queries";
import { models, publishedResults, studies } from "@/db/schema";
import {
  cohenKappa,
  crossAgreement,
  fleissKappa,
  humanJudgeBeyondChance,
  krippendorffAlpha,
  pairwiseAgreement,
} from "@/features/results/stats/agreement";
import { binomialTwoSided } from "@/features/results/stats/binomial";
import { bradleyTerryRanking, type PairOutcome, type Ranked } from "@/features/results/stats/bradley-terry";
import { winRates, type WinRates } from "@/features/results/stats/win-rates";
import type { ResultFilters } from "@/features/results/schemas";

export type BaselineResult = WinRates & { model: string };
export type Agreement = {
  comparisons: number;
  tieDiscounted: number | null;
  exact: number | null;
  fleissKappa: number | null;
  /** Human–judge only: Cohen's kappa of the judge against the human majority. */
  cohenKappa?: number | null;
  krippendorffAlpha: number | null;
};
export type StudyResults = {
  study: string;
  title: string;
  reference: string;
  human: { baselines: BaselineResult[]; agreement: Agreement };
  judge: {
    baselines: BaselineResult[];
    agreement: Agreement;
    consistency: { judge: string; pairs: number; consistent: number }[];
  };
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

function byBaseline(rows: PromptCountRow[]): BaselineResult[] {
  const groups = new Map<string, PromptCountRow[]>();
  for (const r of rows) groups.set(r.baseline, [...(groups.get(r.baseline) ?? []), r]);
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([model, list]) => ({
      model,
      ...winRates(list.map((r) => ({ reference: r.reference, tie: r.tie, baseline: r.baseline_wins }))),
    }));
}

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

/**
 * Human–judge agreement from human–judge pairs only: accuracy and exact agreement over all such pairs; beyond
 * chance, Cohen's kappa against the human majority (Fleiss' kappa pools both kinds of rater, so it is not given).
 */
function humanJudgeAgreement(items: { a: number[]; b: number[] }[]): Agreement {
  const pairs = crossAgreement(items);
  const beyond = humanJudgeBeyondChance(items);
  return {
    comparisons: pairs.comparisons,
    tieDiscounted: pairs.tieDiscounted,
    exact: pairs.exact,
    fleissKappa: null,
    cohenKappa: beyond.cohenKappa,
    krippendorffAlpha: beyond.krippendorffAlpha,
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
  const [humanRows, judgeRows, perComparison, pairTables, annotators, consistency, published] =
    await Promise.all([
      promptCounts(db, { ...q, kind: "human" }),
      promptCounts(db, { ...q, kind: "judge" }),
      comparisonCounts(db, q),
      annotatorPairTables(db, q),
      annotatorStats(db, q),
      judgeConsistency(db, q),
      db.select().from(publishedResults).where(eq(publishedResults.studyId, study.id)),
    ]);

  const human = perComparison.map((r) => [r.h_base, r.h_tie, r.h_ref]);
  const both = perComparison.filter(
    (r) => r.h_base + r.h_tie + r.h_ref > 0 && r.g_base + r.g_tie + r.g_ref > 0,
  );

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
    judge: {
      baselines: byBaseline(judgeRows),
      agreement: humanJudgeAgreement(
        both.map((r) => ({ a: [r.h_base, r.h_tie, r.h_ref], b: [r.g_base, r.g_tie, r.g_ref] })),
      ),
      consistency,
    },
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
