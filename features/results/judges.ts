import { kindResults, type CellRow, type KindResult } from "./baselines";
import type { JudgeConsistencyRow, JudgePositionRow, JudgeUnitRow, PromptCountRow } from "./queries";
import { crossAgreement, humanJudgeBeyondChance } from "./stats/agreement";
import { crossAgreementIntervals, type AgreementIntervals } from "./stats/agreement-ci";
import { binomialTwoSided } from "./stats/binomial";
import type { LengthRow } from "./stats/length";
import type { Interval } from "./stats/win-rates";

export type Agreement = {
  comparisons: number;
  tieDiscounted: number | null;
  exact: number | null;
  fleissKappa: number | null;
  /** Human–judge only: Cohen's kappa of the judge against the human majority. */
  cohenKappa?: number | null;
  krippendorffAlpha: number | null;
  /** Bootstrap over comparisons; null where there are under 10 or the statistic itself is undefined. */
  ci95: AgreementIntervals & { cohenKappa?: Interval };
};

export type Position = { left: number; decided: number; rate: number | null; p: number | null };

export type JudgeResult = KindResult & {
  judge: string;
  agreement: Agreement;
  /** The same agreement with the humans, baseline by baseline. */
  agreementByBaseline: { baseline: string; agreement: Agreement }[];
  consistency: { pairs: number; consistent: number };
  /** Over the judge's single-order verdicts (ties out): how often it chose the answer shown first. */
  position: Position;
};

const INDEX = { baseline: 0, tie: 1, reference: 2 } as const;

const positionOf = (left: number, decided: number): Position => ({
  left,
  decided,
  rate: decided ? left / decided : null,
  p: decided ? binomialTwoSided(left, decided) : null,
});

/** The inputs of kindResults from one verdict per (judge, comparison); a judge is a rater. */
function kindInputs(units: JudgeUnitRow[]) {
  const judges = [...new Set(units.map((u) => u.judge))].sort();
  const prompts = new Map<string, PromptCountRow>();
  const cells = new Map<string, CellRow>();
  const lengths = new Map<number, LengthRow>();
  for (const u of units) {
    const v = INDEX[u.verdict as keyof typeof INDEX];
    const p = prompts.get(`${u.baseline}\u0000${u.prompt}`) ?? {
      baseline: u.baseline,
      prompt_id: u.prompt_id,
      prompt: u.prompt,
      reference: 0,
      tie: 0,
      baseline_wins: 0,
    };
    const c = cells.get(`${u.baseline}\u0000${u.prompt}\u0000${u.judge}`) ?? {
      baseline: u.baseline,
      prompt: u.prompt,
      rater: judges.indexOf(u.judge),
      reference: 0,
      tie: 0,
      baseline_wins: 0,
    };
    const l = lengths.get(u.comparison_id) ?? {
      baseline: u.baseline,
      prompt: u.prompt,
      referenceLength: u.ref_len,
      baselineLength: u.base_len,
      reference: 0,
      tie: 0,
      baselineWins: 0,
    };
    if (v === 2) {
      p.reference++;
      c.reference++;
      l.reference++;
    } else if (v === 1) {
      p.tie++;
      c.tie++;
      l.tie++;
    } else {
      p.baseline_wins++;
      c.baseline_wins++;
      l.baselineWins++;
    }
    prompts.set(`${u.baseline}\u0000${u.prompt}`, p);
    cells.set(`${u.baseline}\u0000${u.prompt}\u0000${u.judge}`, c);
    lengths.set(u.comparison_id, l);
  }
  return { prompts: [...prompts.values()], cells: [...cells.values()], lengths: [...lengths.values()] };
}

/**
 * Human–judge agreement from human–judge pairs only: accuracy and exact agreement over all such pairs; beyond
 * chance, Cohen's kappa against the human majority (Fleiss' kappa pools both kinds of rater, so it is not given).
 * Comparisons are taken in the order of `humans` (fixed by the data), so the intervals reproduce.
 */
function humanJudgeAgreement(units: JudgeUnitRow[], humans: Map<number, number[]>): Agreement {
  const judged = new Map<number, number[]>();
  for (const u of units) {
    const counts = judged.get(u.comparison_id) ?? [0, 0, 0];
    counts[INDEX[u.verdict as keyof typeof INDEX]]++;
    judged.set(u.comparison_id, counts);
  }
  const items = [...humans].filter(([id]) => judged.has(id)).map(([id, a]) => ({ a, b: judged.get(id)! }));
  const pairs = crossAgreement(items);
  const beyond = humanJudgeBeyondChance(items);
  const ci = crossAgreementIntervals(items);
  return {
    comparisons: pairs.comparisons,
    tieDiscounted: pairs.tieDiscounted,
    exact: pairs.exact,
    fleissKappa: null,
    cohenKappa: beyond.cohenKappa,
    krippendorffAlpha: beyond.krippendorffAlpha,
    ci95: {
      tieDiscounted: ci.tieDiscounted,
      exact: ci.exact,
      fleissKappa: null,
      krippendorffAlpha: ci.krippendorffAlpha,
      cohenKappa: ci.cohenKappa,
    },
  };
}

/**
 * The judges' results: pooled (every judge's one verdict per comparison; what `judge` in the stats JSON holds) and
 * each judge on its own, never two judges taken for one rater. `humans` are the human counts per comparison in
 * [baseline, tie, reference] order, in an order fixed by the data.
 */
export function judgeResults(args: {
  units: JudgeUnitRow[];
  humans: Map<number, number[]>;
  consistency: JudgeConsistencyRow[];
  positions: JudgePositionRow[];
}): { pooled: KindResult & { agreement: Agreement; position: Position }; judges: JudgeResult[] } {
  const names = [...new Set(args.units.map((u) => u.judge))].sort();
  const judges = names.map((judge): JudgeResult => {
    const mine = args.units.filter((u) => u.judge === judge);
    const c = args.consistency.find((x) => x.judge === judge);
    const pos = args.positions.find((x) => x.judge === judge) ?? { left_wins: 0, decided: 0 };
    return {
      judge,
      ...kindResults(kindInputs(mine)),
      agreement: humanJudgeAgreement(mine, args.humans),
      agreementByBaseline: [...new Set(mine.map((u) => u.baseline))]
        .sort((a, b) => a.localeCompare(b, "en"))
        .map((baseline) => ({
          baseline,
          agreement: humanJudgeAgreement(
            mine.filter((u) => u.baseline === baseline),
            args.humans,
          ),
        })),
      consistency: { pairs: c?.pairs ?? 0, consistent: c?.consistent ?? 0 },
      position: positionOf(pos.left_wins, pos.decided),
    };
  });
  return {
    pooled: {
      ...kindResults(kindInputs(args.units)),
      agreement: humanJudgeAgreement(args.units, args.humans),
      position: positionOf(
        args.positions.reduce((s, p) => s + p.left_wins, 0),
        args.positions.reduce((s, p) => s + p.decided, 0),
      ),
    },
    judges,
  };
}
