import { drawMultiplicities, percentile95, seededRandom } from "./random";
import { MIN_PROMPTS_FOR_INTERVAL, NO_INTERVALS, type RateIntervals } from "./win-rates";

/** Verdict counts of one rater on one prompt; `prompt` and `rater` are indices in an order fixed by the data. */
export type RaterCell = { prompt: number; rater: number; reference: number; tie: number; baseline: number };

const RESAMPLES = 1000;
const SEED = 20230519;
/** Resampling one or two raters says nothing about other raters: below this, no two-way interval. */
const MIN_RATERS_FOR_TWO_WAY = 2;

/**
 * Two-way (prompts x raters) 95% intervals by Owen's (2007) pigeonhole bootstrap: each resample draws prompts and
 * raters independently with replacement and weighs a cell by the product of its prompt's and its rater's
 * multiplicities. Where raters differ (in tie rate, say), this is wider than resampling prompts alone, which treats
 * the raters as fixed. Null below 10 prompts or 2 raters.
 */
export function twoWayIntervals(
  cells: RaterCell[],
  opts: { resamples?: number; seed?: number } = {},
): { intervals: RateIntervals; prompts: number; raters: number } {
  const prompts = new Set(cells.map((c) => c.prompt)).size;
  const raters = new Set(cells.map((c) => c.rater)).size;
  if (prompts < MIN_PROMPTS_FOR_INTERVAL || raters < MIN_RATERS_FOR_TWO_WAY)
    return { intervals: NO_INTERVALS, prompts, raters };
  // Compact indices: the callers' indices may be global to a study.
  const promptIndex = new Map(
    [...new Set(cells.map((c) => c.prompt))].sort((a, b) => a - b).map((p, i) => [p, i]),
  );
  const raterIndex = new Map(
    [...new Set(cells.map((c) => c.rater))].sort((a, b) => a - b).map((r, i) => [r, i]),
  );
  const n = cells.length;
  const pi = Int32Array.from(cells, (c) => promptIndex.get(c.prompt)!);
  const ri = Int32Array.from(cells, (c) => raterIndex.get(c.rater)!);
  const ref = Float64Array.from(cells, (c) => c.reference);
  const tie = Float64Array.from(cells, (c) => c.tie);
  const tot = Float64Array.from(cells, (c) => c.reference + c.tie + c.baseline);
  const resamples = opts.resamples ?? RESAMPLES;
  const random = seededRandom(opts.seed ?? SEED);
  const w = new Float64Array(prompts);
  const v = new Float64Array(raters);
  const out = {
    reference: new Float64Array(resamples),
    tie: new Float64Array(resamples),
    baseline: new Float64Array(resamples),
    equalOrBetter: new Float64Array(resamples),
    margin: new Float64Array(resamples),
  };
  for (let b = 0; b < resamples; b++) {
    drawMultiplicities(random, w);
    drawMultiplicities(random, v);
    let r = 0;
    let t = 0;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const weight = w[pi[i]] * v[ri[i]];
      if (weight === 0) continue;
      r += weight * ref[i];
      t += weight * tie[i];
      m += weight * tot[i];
    }
    // A resample may hold no cell at all (its prompts and raters never met): it has no rate.
    out.reference[b] = m ? r / m : NaN;
    out.tie[b] = m ? t / m : NaN;
    out.baseline[b] = m ? (m - r - t) / m : NaN;
    out.equalOrBetter[b] = m ? (r + t) / m : NaN;
    out.margin[b] = m ? (2 * r + t - m) / m : NaN;
  }
  return {
    intervals: {
      reference: percentile95(out.reference),
      tie: percentile95(out.tie),
      baseline: percentile95(out.baseline),
      equalOrBetter: percentile95(out.equalOrBetter),
      margin: percentile95(out.margin),
    },
    prompts,
    raters,
  };
}
