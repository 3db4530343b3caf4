import { addCoincidences, alphaFromCoincidences } from "./agreement";
import { drawMultiplicities, percentile95, seededRandom } from "./random";
import { MIN_PROMPTS_FOR_INTERVAL, type Interval } from "./win-rates";

/** One rating: the label index on the study's scale, of one turn (0 for a single answer) of one item. */
export type RatingObservation = { prompt: string; item: number; turn: number; rater: string; label: number };

export type RatingDistribution = {
  n: number;
  prompts: number;
  counts: number[];
  rates: number[];
  /** Per label; null under 10 prompts. */
  ci95: Interval[];
  /** For a numeric scale (every label a number): the mean value and its interval. */
  mean: number | null;
  meanCi95: Interval;
};

const RESAMPLES = 1000;
const SEED = 20230523;

/** The labels' values when every label is a number ("1".."6"), else null. */
export function numericValues(scale: string[]): number[] | null {
  const values = scale.map((l) => Number(l));
  return values.every((v, i) => scale[i].trim() !== "" && Number.isFinite(v)) ? values : null;
}

/**
 * The distribution of ratings over the scale's labels, with 95% intervals from a bootstrap over prompts (a
 * prompt's ratings stay together; fixed seed), and the mean for a numeric scale.
 */
export function ratingDistribution(
  observations: RatingObservation[],
  scale: string[],
  opts: { resamples?: number; seed?: number } = {},
): RatingDistribution {
  const k = scale.length;
  const values = numericValues(scale);
  const prompts = [...new Set(observations.map((o) => o.prompt))].sort();
  const index = new Map(prompts.map((p, i) => [p, i]));
  const perPrompt = prompts.map(() => new Float64Array(k));
  for (const o of observations) perPrompt[index.get(o.prompt)!][o.label]++;
  const counts = new Array(k).fill(0);
  for (const c of perPrompt) c.forEach((x, j) => (counts[j] += x));
  const n = observations.length;
  const rates = counts.map((c) => (n ? c / n : 0));
  const meanOf = (c: ArrayLike<number>, total: number) =>
    values && total ? Array.from(c).reduce((s, x, j) => s + x * values[j], 0) / total : null;
  const mean = meanOf(counts, n);
  if (prompts.length < MIN_PROMPTS_FOR_INTERVAL)
    return { n, prompts: prompts.length, counts, rates, ci95: rates.map(() => null), mean, meanCi95: null };
  const random = seededRandom(opts.seed ?? SEED);
  const resamples = opts.resamples ?? RESAMPLES;
  const reps = Array.from({ length: k }, () => new Float64Array(resamples));
  const meanReps = new Float64Array(resamples);
  const w = new Float64Array(prompts.length);
  const sums = new Float64Array(k);
  for (let b = 0; b < resamples; b++) {
    drawMultiplicities(random, w);
    sums.fill(0);
    let total = 0;
    perPrompt.forEach((c, i) => {
      if (!w[i]) return;
      for (let j = 0; j < k; j++) {
        sums[j] += w[i] * c[j];
        total += w[i] * c[j];
      }
    });
    for (let j = 0; j < k; j++) reps[j][b] = total ? sums[j] / total : NaN;
    meanReps[b] = meanOf(sums, total) ?? NaN;
  }
  return {
    n,
    prompts: prompts.length,
    counts,
    rates,
    ci95: reps.map((r) => percentile95(r)),
    mean,
    meanCi95: values ? percentile95(meanReps) : null,
  };
}

/**
 * Krippendorff's alpha over rating units (an item's turn), each unit's ratings counted per label; ordinal for any
 * ordered scale, interval (on the labels' values) for a numeric one.
 */
export function ratingAlpha(
  observations: RatingObservation[],
  scale: string[],
  metric: "ordinal" | "interval",
): { units: number; alpha: number | null } {
  const k = scale.length;
  const units = new Map<string, number[]>();
  for (const o of observations) {
    const key = `${o.item}\u0000${o.turn}`;
    const c = units.get(key) ?? new Array(k).fill(0);
    c[o.label]++;
    units.set(key, c);
  }
  const pairable = [...units.values()].filter((c) => c.reduce((a, b) => a + b, 0) >= 2);
  const o = Array.from({ length: k }, () => new Array(k).fill(0));
  for (const c of pairable) addCoincidences(o, c, 1);
  if (metric === "interval") {
    const values = numericValues(scale);
    if (!values) return { units: pairable.length, alpha: null };
    return { units: pairable.length, alpha: intervalAlpha(o, values) };
  }
  return { units: pairable.length, alpha: pairable.length ? alphaFromCoincidences(o, "ordinal") : null };
}

/** Interval alpha on the labels' own values (not their ranks): delta = (v_c - v_k)^2. */
function intervalAlpha(o: number[][], values: number[]): number | null {
  const k = o.length;
  const nc = o.map((row) => row.reduce((a, b) => a + b, 0));
  const n = nc.reduce((a, b) => a + b, 0);
  let observed = 0;
  let expected = 0;
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++) {
      const d = (values[a] - values[b]) ** 2;
      observed += o[a][b] * d;
      expected += nc[a] * nc[b] * d;
    }
  return n === 0 || expected === 0 ? null : 1 - ((n - 1) * observed) / expected;
}

/**
 * Cohen's weighted kappa with quadratic weights, w_ij = (i - j)^2 / (k - 1)^2, from a k x k table of two raters'
 * labels on the same units: 1 - sum w o / sum w e, e from the margins.
 */
export function weightedKappa(table: number[][]): number | null {
  const k = table.length;
  const n = table.flat().reduce((a, b) => a + b, 0);
  if (n === 0 || k < 2) return null;
  const rows = table.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = table[0].map((_, j) => table.reduce((a, r) => a + r[j], 0));
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      const w = (i - j) ** 2 / (k - 1) ** 2;
      observed += w * table[i][j];
      expected += (w * rows[i] * cols[j]) / n;
    }
  return expected === 0 ? null : 1 - observed / expected;
}
