import { byBaseline, type BaselineResult } from "./baselines";
import type { JudgeConsistencyRow, JudgePositionRow, JudgeUnitRow, PromptCountRow } from "./queries";
import { crossAgreement, humanJudgeBeyondChance } from "./stats/agreement";
import { binomialTwoSided } from "./stats/binomial";

export type Agreement = {
  comparisons: number;
  tieDiscounted: number | null;
  exact: number | null;
  fleissKappa: number | null;
  /** Human–judge only: Cohen's kappa of the judge against the human majority. */
  cohenKappa?: number | null;
  krippendorffAlpha: number | null;
};

export type JudgeResult = {
  judge: string;
  baselines: BaselineResult[];
  agreement: Agreement;
  consistency: { pairs: number; consistent: number };
  /** Over the judge's single-order verdicts (ties out): how often it chose the answer shown first. */
  position: { left: number; decided: number; rate: number | null; p: number | null };
};

const INDEX = { baseline: 0, tie: 1, reference: 2 } as const;

/** Per-prompt counts of one verdict per (judge, comparison) units, in the units' (cluster) order. */
function promptCountsOf(units: JudgeUnitRow[]): PromptCountRow[] {
  const rows = new Map<string, PromptCountRow>();
  for (const u of units) {
    const key = `${u.baseline}\u0000${u.prompt_id}`;
    const row = rows.get(key) ?? {
      baseline: u.baseline,
      prompt_id: u.prompt_id,
      reference: 0,
      tie: 0,
      baseline_wins: 0,
    };
    if (u.verdict === "reference") row.reference++;
    else if (u.verdict === "tie") row.tie++;
    else row.baseline_wins++;
    rows.set(key, row);
  }
  return [...rows.values()];
}

/**
 * Human–judge agreement from human–judge pairs only: accuracy and exact agreement over all such pairs; beyond
 * chance, Cohen's kappa against the human majority (Fleiss' kappa pools both kinds of rater, so it is not given).
 */
function humanJudgeAgreement(units: JudgeUnitRow[], humans: Map<number, number[]>): Agreement {
  const judged = new Map<number, number[]>();
  for (const u of units) {
    const counts = judged.get(u.comparison_id) ?? [0, 0, 0];
    counts[INDEX[u.verdict as keyof typeof INDEX]]++;
    judged.set(u.comparison_id, counts);
  }
  const items = [...judged].filter(([id]) => humans.has(id)).map(([id, b]) => ({ a: humans.get(id)!, b }));
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

/**
 * The judges' results: pooled (every judge's one verdict per comparison; what `judge` in the stats JSON holds) and
 * each judge on its own, never two judges taken for one rater. `humans` are the human counts per comparison in
 * [baseline, tie, reference] order.
 */
export function judgeResults(args: {
  units: JudgeUnitRow[];
  humans: Map<number, number[]>;
  consistency: JudgeConsistencyRow[];
  positions: JudgePositionRow[];
}): { pooled: { baselines: BaselineResult[]; agreement: Agreement }; judges: JudgeResult[] } {
  const names = [...new Set(args.units.map((u) => u.judge))].sort();
  const judges = names.map((judge): JudgeResult => {
    const mine = args.units.filter((u) => u.judge === judge);
    const c = args.consistency.find((x) => x.judge === judge);
    const pos = args.positions.find((x) => x.judge === judge) ?? { left_wins: 0, decided: 0 };
    return {
      judge,
      baselines: byBaseline(promptCountsOf(mine)),
      agreement: humanJudgeAgreement(mine, args.humans),
      consistency: { pairs: c?.pairs ?? 0, consistent: c?.consistent ?? 0 },
      position: {
        left: pos.left_wins,
        decided: pos.decided,
        rate: pos.decided ? pos.left_wins / pos.decided : null,
        p: pos.decided ? binomialTwoSided(pos.left_wins, pos.decided) : null,
      },
    };
  });
  return {
    pooled: {
      baselines: byBaseline(promptCountsOf(args.units)),
      agreement: humanJudgeAgreement(args.units, args.humans),
    },
    judges,
  };
}
