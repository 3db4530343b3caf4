import {
  addCoincidences,
  alphaFromCoincidences,
  cohenKappa,
  uniqueMajority,
  type AlphaMetric,
  type ItemCounts,
} from "./agreement";
import { drawMultiplicities, percentile95, seededRandom } from "./random";
import type { Interval } from "./win-rates";

const RESAMPLES = 1000;
const SEED = 20230521;
/** As for rates: resampling a handful of comparisons gives intervals that cover far less often than they claim. */
const MIN_COMPARISONS_FOR_INTERVAL = 10;

/** A statistic of the items, each item counted `w[i]` times (all ones: the statistic of the data itself). */
type WeightedStatistic = (w: Float64Array) => number | null;

/** 95% percentile intervals of several statistics of the same items, from one bootstrap over the items. */
function bootstrapItems<K extends string>(
  n: number,
  statistics: Record<K, WeightedStatistic>,
  opts: { resamples?: number; seed?: number },
): Record<K, Interval> {
  const names = Object.keys(statistics) as K[];
  if (n < MIN_COMPARISONS_FOR_INTERVAL)
    return Object.fromEntries(names.map((k) => [k, null])) as Record<K, Interval>;
  const resamples = opts.resamples ?? RESAMPLES;
  const random = seededRandom(opts.seed ?? SEED);
  const w = new Float64Array(n);
  const reps = names.map(() => new Float64Array(resamples));
  for (let b = 0; b < resamples; b++) {
    drawMultiplicities(random, w);
    names.forEach((k, j) => (reps[j][b] = statistics[k](w) ?? NaN));
  }
  return Object.fromEntries(
    names.map((k, j) => [k, statistics[k](w.fill(1)) === null ? null : percentile95(reps[j])]),
  ) as Record<K, Interval>;
}

const weightedMean = (values: Float64Array, w: Float64Array) => {
  let s = 0;
  let t = 0;
  for (let i = 0; i < values.length; i++) {
    s += w[i] * values[i];
    t += w[i];
  }
  return t ? s / t : null;
};

export type AgreementIntervals = {
  tieDiscounted: Interval;
  exact: Interval;
  fleissKappa: Interval;
  krippendorffAlpha: Interval;
};

/**
 * Among one kind of rater (humans): bootstrap over comparisons with two or more verdicts of LIMA's tie-discounted
 * accuracy, exact agreement, Fleiss' kappa and Krippendorff's alpha. Items are [baseline, tie, reference] counts in
 * a stable order; `tieIndex` names the tie category.
 */
export function agreementIntervals(
  items: ItemCounts[],
  opts: { resamples?: number; seed?: number; tieIndex?: number; metric?: AlphaMetric } = {},
): AgreementIntervals {
  const rated = items.filter((c) => c.reduce((a, b) => a + b, 0) >= 2);
  const tieIndex = opts.tieIndex ?? 1;
  const k = rated[0]?.length ?? 3;
  const td = new Float64Array(rated.length);
  const ex = new Float64Array(rated.length);
  const pi = new Float64Array(rated.length);
  rated.forEach((c, i) => {
    const m = c.reduce((a, b) => a + b, 0);
    const pairs = (m * (m - 1)) / 2;
    const same = c.reduce((a, x) => a + (x * (x - 1)) / 2, 0);
    ex[i] = same / pairs;
    td[i] = (same + 0.5 * c[tieIndex] * (m - c[tieIndex])) / pairs;
    pi[i] = (c.reduce((a, x) => a + x * x, 0) - m) / (m * (m - 1));
  });
  const fleiss: WeightedStatistic = (w) => {
    const pBar = weightedMean(pi, w);
    if (pBar === null) return null;
    const totals = new Array(k).fill(0);
    rated.forEach((c, i) => c.forEach((x, j) => (totals[j] += w[i] * x)));
    const total = totals.reduce((a, b) => a + b, 0);
    const pe = totals.reduce((a, t) => a + (t / total) ** 2, 0);
    return pe === 1 ? null : (pBar - pe) / (1 - pe);
  };
  const alpha: WeightedStatistic = (w) => {
    const o = Array.from({ length: k }, () => new Array(k).fill(0));
    rated.forEach((c, i) => w[i] && addCoincidences(o, c, w[i]));
    return alphaFromCoincidences(o, opts.metric ?? "ordinal");
  };
  return bootstrapItems(
    rated.length,
    {
      tieDiscounted: (w) => weightedMean(td, w),
      exact: (w) => weightedMean(ex, w),
      fleissKappa: fleiss,
      krippendorffAlpha: alpha,
    },
    opts,
  );
}

export type CrossAgreementIntervals = {
  tieDiscounted: Interval;
  exact: Interval;
  cohenKappa: Interval;
  krippendorffAlpha: Interval;
};

/**
 * Between humans (`a`) and a judge (`b`) on the same comparisons, from human–judge pairs only, as the point
 * estimates are: bootstrap over comparisons of tie-discounted accuracy, exact agreement, Cohen's kappa of the judge
 * against the human majority and Krippendorff's alpha over (human, judge) pairs.
 */
export function crossAgreementIntervals(
  items: { a: ItemCounts; b: ItemCounts }[],
  opts: { resamples?: number; seed?: number; tieIndex?: number; metric?: AlphaMetric } = {},
): CrossAgreementIntervals {
  const tieIndex = opts.tieIndex ?? 1;
  const used = items.filter(({ a, b }) => a.some((x) => x > 0) && b.some((x) => x > 0));
  const k = used[0]?.a.length ?? 3;
  const td = new Float64Array(used.length);
  const ex = new Float64Array(used.length);
  const majority = used.map(({ a, b }) => [uniqueMajority(a), uniqueMajority(b)] as const);
  used.forEach(({ a, b }, i) => {
    const na = a.reduce((s, x) => s + x, 0);
    const nb = b.reduce((s, x) => s + x, 0);
    const same = a.reduce((s, x, j) => s + x * b[j], 0);
    const oneTie = a[tieIndex] * (nb - b[tieIndex]) + b[tieIndex] * (na - a[tieIndex]);
    ex[i] = same / (na * nb);
    td[i] = (same + 0.5 * oneTie) / (na * nb);
  });
  const cohen: WeightedStatistic = (w) => {
    const table = Array.from({ length: k }, () => new Array(k).fill(0));
    let any = false;
    majority.forEach(([h, j], i) => {
      if (h === null || j === null || !w[i]) return;
      table[h][j] += w[i];
      any = true;
    });
    return any ? cohenKappa(table) : null;
  };
  const alpha: WeightedStatistic = (w) => {
    const o = Array.from({ length: k }, () => new Array(k).fill(0));
    used.forEach(({ a, b }, i) => {
      if (!w[i]) return;
      // Each (human verdict, judge verdict) pair is a unit of two values.
      for (let h = 0; h < k; h++)
        for (let j = 0; j < k; j++) {
          const n = a[h] * b[j];
          if (!n) continue;
          const unit = new Array(k).fill(0);
          unit[h]++;
          unit[j]++;
          addCoincidences(o, unit, w[i] * n);
        }
    });
    return alphaFromCoincidences(o, opts.metric ?? "ordinal");
  };
  return bootstrapItems(
    used.length,
    {
      tieDiscounted: (w) => weightedMean(td, w),
      exact: (w) => weightedMean(ex, w),
      cohenKappa: cohen,
      krippendorffAlpha: alpha,
    },
    opts,
  );
}
