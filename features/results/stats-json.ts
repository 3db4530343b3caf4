import type { Agreement, BaselineResult, StudyResults } from "./compute";

const baselineJson = (b: BaselineResult) => ({
  model: b.model,
  n: b.n,
  reference_wins: b.counts.reference,
  ties: b.counts.tie,
  baseline_wins: b.counts.baseline,
  rates: { reference_wins: b.rates.reference, tie: b.rates.tie, baseline_wins: b.rates.baseline },
  ci95: { reference_wins: b.ci95.reference, tie: b.ci95.tie, baseline_wins: b.ci95.baseline },
});

const agreementJson = (a: Agreement) => ({
  comparisons: a.comparisons,
  tie_discounted_accuracy: a.tieDiscounted,
  exact: a.exact,
  fleiss_kappa: a.fleissKappa,
  krippendorff_alpha: a.krippendorffAlpha,
  ...(a.cohenKappa !== undefined ? { cohen_kappa_vs_human_majority: a.cohenKappa } : {}),
});

/** The `stats --json` document: the shape is a public contract (README), so it is built field by field. */
export function statsJson(r: StudyResults) {
  return {
    study: r.study,
    reference: r.reference,
    human: { baselines: r.human.baselines.map(baselineJson), agreement: agreementJson(r.human.agreement) },
    judge: { baselines: r.judge.baselines.map(baselineJson), agreement: agreementJson(r.judge.agreement) },
    judges: r.judges.map((j) => ({
      judge: j.judge,
      baselines: j.baselines.map(baselineJson),
      consistency: { pairs: j.consistency.pairs, consistent: j.consistency.consistent },
      agreement_with_humans: {
        comparisons: j.agreement.comparisons,
        tie_discounted_accuracy: j.agreement.tieDiscounted,
        exact: j.agreement.exact,
        cohen_kappa: j.agreement.cohenKappa ?? null,
      },
    })),
  };
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
