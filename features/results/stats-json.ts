import type { ArenaResults } from "./arena";
import type { RatingResults } from "./rating";
import type { RatingDistribution } from "./stats/ratings";
import type { KindResult } from "./baselines";
import type { Agreement, BaselineResult, StudyResults } from "./compute";
import type { Position } from "./judges";
import type { RateIntervals } from "./stats/win-rates";

const intervalsJson = (ci: RateIntervals) => ({
  reference_wins: ci.reference,
  tie: ci.tie,
  baseline_wins: ci.baseline,
  equal_or_better: ci.equalOrBetter,
});

const baselineJson = (b: BaselineResult) => ({
  model: b.model,
  n: b.n,
  reference_wins: b.counts.reference,
  ties: b.counts.tie,
  baseline_wins: b.counts.baseline,
  rates: { reference_wins: b.rates.reference, tie: b.rates.tie, baseline_wins: b.rates.baseline },
  ci95: intervalsJson(b.ci95),
  equal_or_better: b.equalOrBetter,
  prompts: b.prompts,
  raters: b.raters,
  ci95_two_way: intervalsJson(b.ci95TwoWay),
  margin: { value: b.margin, ci95: b.ci95.margin, ci95_two_way: b.ci95TwoWay.margin },
  length_controlled: b.lengthControlled
    ? { reference_wins: b.lengthControlled.referenceWins, ci95: b.lengthControlled.ci95 }
    : null,
});

const agreementJson = (a: Agreement) => ({
  comparisons: a.comparisons,
  tie_discounted_accuracy: a.tieDiscounted,
  exact: a.exact,
  fleiss_kappa: a.fleissKappa,
  krippendorff_alpha: a.krippendorffAlpha,
  ...(a.cohenKappa !== undefined ? { cohen_kappa_vs_human_majority: a.cohenKappa } : {}),
  ci95: {
    tie_discounted_accuracy: a.ci95.tieDiscounted,
    exact: a.ci95.exact,
    fleiss_kappa: a.ci95.fleissKappa,
    krippendorff_alpha: a.ci95.krippendorffAlpha,
    ...(a.ci95.cohenKappa !== undefined ? { cohen_kappa_vs_human_majority: a.ci95.cohenKappa } : {}),
  },
});

const positionJson = (p: Position) => ({ left: p.left, decided: p.decided, rate: p.rate, p: p.p });

const kindJson = (k: KindResult & { agreement: Agreement; position: Position }) => ({
  baselines: k.baselines.map(baselineJson),
  agreement: agreementJson(k.agreement),
  position_bias: positionJson(k.position),
  length_bias: {
    longer_wins: k.lengthBias.longerWins,
    decided: k.lengthBias.decided,
    rate: k.lengthBias.rate,
    p: k.lengthBias.p,
  },
  margin_differences: k.marginDifferences.map((d) => ({
    a: d.a,
    b: d.b,
    difference: d.difference,
    ci95: d.ci95,
  })),
});

/** The `stats --json` document: the shape is a public contract (README), so it is built field by field. */
export function statsJson(r: StudyResults) {
  const clustered = r.human.position.clustered;
  return {
    study: r.study,
    reference: r.reference,
    human: {
      ...kindJson(r.human),
      position_bias: {
        ...positionJson(r.human.position),
        by_annotator: { annotators: clustered.raters, p: clustered.p, ci95: clustered.ci95 },
      },
    },
    judge: kindJson(r.judge),
    judges: r.judges.map((j) => ({
      judge: j.judge,
      baselines: j.baselines.map(baselineJson),
      consistency: { pairs: j.consistency.pairs, consistent: j.consistency.consistent },
      agreement_with_humans: {
        comparisons: j.agreement.comparisons,
        tie_discounted_accuracy: j.agreement.tieDiscounted,
        exact: j.agreement.exact,
        cohen_kappa: j.agreement.cohenKappa ?? null,
        ci95: {
          tie_discounted_accuracy: j.agreement.ci95.tieDiscounted,
          exact: j.agreement.ci95.exact,
          cohen_kappa: j.agreement.ci95.cohenKappa ?? null,
        },
      },
      agreement_with_humans_by_baseline: j.agreementByBaseline.map(({ baseline, agreement: a }) => ({
        baseline,
        comparisons: a.comparisons,
        tie_discounted_accuracy: a.tieDiscounted,
        exact: a.exact,
        cohen_kappa: a.cohenKappa ?? null,
      })),
      position_bias: positionJson(j.position),
      length_bias: {
        longer_wins: j.lengthBias.longerWins,
        decided: j.lengthBias.decided,
        rate: j.lengthBias.rate,
        p: j.lengthBias.p,
      },
    })),
    ranking: r.ranking.map((m) => ({ model: m.model, strength: m.score, ci95: m.ci95, rank: m.rank })),
    annotators: r.annotators.map((a) => ({
      pseudonym: a.annotator,
      judgments: a.judgments,
      median_ms: a.medianMs,
      tie_rate: a.tieRate,
      agreement_with_majority: a.agreementWithMajority,
      left_rate: a.leftRate,
      left_p: a.leftP,
      left_p_holm: a.leftPHolm,
    })),
    planning: {
      half_width: r.planning.halfWidth,
      baselines: r.planning.baselines.map(({ model, plan }) => ({
        model,
        prompts: plan?.prompts ?? null,
        judgments_per_prompt: plan?.judgmentsPerPrompt ?? null,
        icc: plan?.icc ?? null,
        design_effect: plan?.designEffect ?? null,
        prompts_needed: plan
          ? plan.needed.map((x) => ({ judgments_per_prompt: x.perPrompt, prompts: x.prompts }))
          : null,
      })),
    },
  };
}

/** The `stats --json` document of an all-pairs study (README). */
export function arenaJson(r: ArenaResults) {
  return {
    study: r.study,
    design: "all-pairs",
    ranking: r.ranking.map((m) => ({ model: m.model, elo: m.elo, ci95: m.ci95, rank: m.rank, n: m.n })),
    pairs: r.pairs.map((p) => ({
      model_a: p.modelA,
      model_b: p.modelB,
      a_wins: p.aWins,
      ties: p.ties,
      b_wins: p.bWins,
    })),
    agreement: agreementJson(r.agreement),
    judges: r.judges.map((j) => ({
      judge: j.judge,
      ranking: j.ranking.map((m) => ({ model: m.model, elo: m.elo, ci95: m.ci95, rank: m.rank, n: m.n })),
    })),
  };
}

const distributionJson = (d: RatingDistribution, scale: string[]) => ({
  n: d.n,
  prompts: d.prompts,
  counts: Object.fromEntries(scale.map((l, i) => [l, d.counts[i]])),
  rates: Object.fromEntries(scale.map((l, i) => [l, d.rates[i]])),
  ci95: Object.fromEntries(scale.map((l, i) => [l, d.ci95[i]])),
});

/** The `stats --json` document of a rating study (README). */
export function ratingJson(r: RatingResults) {
  return {
    study: r.study,
    design: "rating",
    ratings: {
      scale: r.scale,
      models: r.models.map((m) => ({
        model: m.model,
        ...distributionJson(m, r.scale),
        ...(r.numeric ? { mean: m.mean, mean_ci95: m.meanCi95 } : {}),
      })),
      agreement: {
        units: r.agreement.units,
        krippendorff_alpha: r.agreement.krippendorffAlpha,
        ...(r.numeric ? { krippendorff_alpha_interval: r.agreement.krippendorffAlphaInterval } : {}),
        weighted_kappa: r.agreement.weightedKappa,
      },
      judges: r.judges.map((j) => ({
        judge: j.judge,
        models: j.models.map((m) => ({
          model: m.model,
          ...distributionJson(m, r.scale),
          ...(r.numeric ? { mean: m.mean, mean_ci95: m.meanCi95 } : {}),
        })),
      })),
      ...(r.byTurn.length
        ? {
            by_turn: r.byTurn.map((t) => ({ model: t.model, turn: t.turn, ...distributionJson(t, r.scale) })),
          }
        : {}),
    },
  };
}

export const RATING_SUMMARY_COLUMNS = [
  "study",
  "model",
  "turn",
  "label",
  "n",
  "count",
  "rate",
  "ci_low",
  "ci_high",
] as const;

/** One summary row per model (and turn, for multi-turn items) and label. */
export function ratingSummaryRows(r: RatingResults) {
  const rows = (d: RatingDistribution, model: string, turn: number | null) =>
    r.scale.map((label, i) => ({
      study: r.study,
      model,
      turn,
      label,
      n: d.n,
      count: d.counts[i],
      rate: d.rates[i],
      ci_low: d.ci95[i]?.[0] ?? null,
      ci_high: d.ci95[i]?.[1] ?? null,
    }));
  return [
    ...r.models.flatMap((m) => rows(m, m.model, null)),
    ...r.byTurn.flatMap((t) => rows(t, t.model, t.turn)),
  ];
}

export const SUMMARY_COLUMNS = [
  "study",
  "kind",
  "reference_model",
  "baseline_model",
  "n",
  "reference_wins",
  "ties",
  "baseline_wins",
  "reference_win_rate",
  "tie_rate",
  "baseline_win_rate",
  "equal_or_better_rate",
  "reference_win_ci_low",
  "reference_win_ci_high",
  "tie_ci_low",
  "tie_ci_high",
  "baseline_win_ci_low",
  "baseline_win_ci_high",
] as const;

/** One summary row per kind and baseline (the table behind Figure 1). */
export function summaryRows(r: StudyResults) {
  return (["human", "judge"] as const).flatMap((kind) =>
    r[kind].baselines.map((b) => ({
      study: r.study,
      kind,
      reference_model: r.reference,
      baseline_model: b.model,
      n: b.n,
      reference_wins: b.counts.reference,
      ties: b.counts.tie,
      baseline_wins: b.counts.baseline,
      reference_win_rate: b.rates.reference,
      tie_rate: b.rates.tie,
      baseline_win_rate: b.rates.baseline,
      equal_or_better_rate: b.equalOrBetter,
      reference_win_ci_low: b.ci95.reference?.[0] ?? null,
      reference_win_ci_high: b.ci95.reference?.[1] ?? null,
      tie_ci_low: b.ci95.tie?.[0] ?? null,
      tie_ci_high: b.ci95.tie?.[1] ?? null,
      baseline_win_ci_low: b.ci95.baseline?.[0] ?? null,
      baseline_win_ci_high: b.ci95.baseline?.[1] ?? null,
    })),
  );
}

export const ARENA_SUMMARY_COLUMNS = [
  "study",
  "rank",
  "model",
  "elo",
  "elo_ci_low",
  "elo_ci_high",
  "n",
] as const;

/** One summary row per model of an all-pairs study: its place on the leaderboard. */
export function arenaSummaryRows(r: ArenaResults) {
  return r.ranking.map((m) => ({
    study: r.study,
    rank: m.rank,
    model: m.model,
    elo: m.elo,
    elo_ci_low: m.ci95?.[0] ?? null,
    elo_ci_high: m.ci95?.[1] ?? null,
    n: m.n,
  }));
}
