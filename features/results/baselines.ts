import type { PromptCountRow } from "./queries";
import { lengthBias, lengthControlled, type LengthBias, type LengthRow } from "./stats/length";
import { marginDifferences, type MarginDifference } from "./stats/margins";
import { twoWayIntervals } from "./stats/two-way";
import { winRates, type Interval, type RateIntervals, type WinRates } from "./stats/win-rates";

export type BaselineResult = WinRates & {
  model: string;
  /** Prompts and raters resampled together (Owen's two-way bootstrap); `ci95` resamples prompts only. */
  ci95TwoWay: RateIntervals;
  raters: number;
  /** The win rate (ties as half) the length-controlled model predicts at equal length. */
  lengthControlled: { referenceWins: number; ci95: Interval } | null;
};

/** Everything one kind of rater (the humans, the judges pooled, or one judge) says about the baselines. */
export type KindResult = {
  baselines: BaselineResult[];
  marginDifferences: MarginDifference[];
  lengthBias: LengthBias;
};

/** Verdict counts of one rater on one prompt of one baseline; `rater` is an index fixed by the data. */
export type CellRow = {
  baseline: string;
  prompt: string;
  rater: number;
  reference: number;
  tie: number;
  baseline_wins: number;
};

/** Cluster keys in code-unit order: fixed by the data alone, whatever the machine's locale or collation. */
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Baselines as people read a list (case-insensitive), in a fixed locale. */
const byModel = (a: string, b: string) => a.localeCompare(b, "en") || byKey(a, b);

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return groups;
}

/**
 * Win rates per baseline (prompt-only and two-way intervals, margin, length-controlled rate), the differences
 * between baselines' margins, and the length bias. Rows may come in any order: each statistic orders its clusters
 * by the prompt's id in the file.
 */
export function kindResults(input: {
  prompts: PromptCountRow[];
  cells: CellRow[];
  lengths: LengthRow[];
}): KindResult {
  const prompts = groupBy(input.prompts, (r) => r.baseline);
  const cells = groupBy(input.cells, (r) => r.baseline);
  const promptIndex = new Map(
    [...new Set(input.cells.map((c) => c.prompt))].sort(byKey).map((p, i) => [p, i] as const),
  );
  const controlled = new Map(lengthControlled(input.lengths).map((l) => [l.model, l]));
  const models = [...prompts.keys()].sort(byModel);
  const perPrompt = models.map((model) => ({
    model,
    prompts: new Map(
      [...prompts.get(model)!]
        .sort((a, b) => byKey(a.prompt, b.prompt))
        .map((r) => [r.prompt, { reference: r.reference, tie: r.tie, baseline: r.baseline_wins }] as const),
    ),
  }));
  const baselines = perPrompt.map(({ model, prompts: counts }): BaselineResult => {
    const twoWay = twoWayIntervals(
      (cells.get(model) ?? []).map((c) => ({
        prompt: promptIndex.get(c.prompt)!,
        rater: c.rater,
        reference: c.reference,
        tie: c.tie,
        baseline: c.baseline_wins,
      })),
    );
    const lc = controlled.get(model);
    return {
      model,
      ...winRates([...counts.values()]),
      ci95TwoWay: twoWay.intervals,
      raters: twoWay.raters,
      lengthControlled: lc ? { referenceWins: lc.referenceWins, ci95: lc.ci95 } : null,
    };
  });
  return {
    baselines,
    marginDifferences: marginDifferences(perPrompt),
    lengthBias: lengthBias(input.lengths),
  };
}
