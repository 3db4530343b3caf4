import { binomialTwoSided } from "./binomial";
import { drawMultiplicities, percentile95, seededRandom } from "./random";
import { MIN_PROMPTS_FOR_INTERVAL, type Interval } from "./win-rates";

/** One comparison's verdicts with the length (in characters) of both responses. */
export type LengthRow = {
  baseline: string;
  /** The prompt's stable key (its id in the file): the bootstrap's cluster. */
  prompt: string;
  referenceLength: number;
  baselineLength: number;
  reference: number;
  tie: number;
  baselineWins: number;
};

export type LengthBias = { longerWins: number; decided: number; rate: number | null; p: number | null };

/**
 * How often the longer response won, over decided verdicts (ties out) on comparisons whose responses differ in
 * length, with an exact two-sided binomial test against 50%. Rate and p are null when nothing was decided.
 */
export function lengthBias(rows: LengthRow[]): LengthBias {
  let longerWins = 0;
  let decided = 0;
  for (const r of rows) {
    if (r.referenceLength === r.baselineLength) continue;
    decided += r.reference + r.baselineWins;
    longerWins += r.referenceLength > r.baselineLength ? r.reference : r.baselineWins;
  }
  return {
    longerWins,
    decided,
    rate: decided ? longerWins / decided : null,
    p: decided ? binomialTwoSided(longerWins, decided) : null,
  };
}

export type LengthControlled = { model: string; referenceWins: number; ci95: Interval };

const RESAMPLES = 1000;
const SEED = 20230522;
/** A whisper of a ridge so that a baseline that lost (or won) every verdict has a finite, near-0 (or 1) estimate. */
const RIDGE = 1e-4;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Length-controlled win rates, as AlpacaEval 2 controls for length: one logistic model of the reference's win over
 * all baselines, logit P(win) = theta_baseline + phi * tanh(d / sd(d)), d the reference's length minus the
 * baseline's, ties as half a win; a baseline's length-controlled win rate is sigmoid(theta_baseline), the win rate
 * the model predicts when both responses are equally long. The interval is a bootstrap over prompts (a prompt's
 * comparisons stay together; sd(d) is that of the data, held fixed) with the model refitted on each resample.
 */
export function lengthControlled(
  rows: LengthRow[],
  opts: { resamples?: number; seed?: number } = {},
): LengthControlled[] {
  const used = rows.filter((r) => r.reference + r.tie + r.baselineWins > 0);
  const models = [...new Set(used.map((r) => r.baseline))].sort();
  if (models.length === 0) return [];
  const modelIndex = new Map(models.map((m, i) => [m, i]));
  const d = used.map((r) => r.referenceLength - r.baselineLength);
  const mean = d.reduce((a, b) => a + b, 0) / d.length;
  const sd = Math.sqrt(d.reduce((a, x) => a + (x - mean) ** 2, 0) / Math.max(1, d.length - 1));
  const data = {
    group: Int32Array.from(used, (r) => modelIndex.get(r.baseline)!),
    x: Float64Array.from(d, (v) => (sd > 0 ? Math.tanh(v / sd) : 0)),
    wins: Float64Array.from(used, (r) => r.reference + 0.5 * r.tie),
    n: Float64Array.from(used, (r) => r.reference + r.tie + r.baselineWins),
  };
  const fit = fitLogistic(data, models.length, new Float64Array(used.length).fill(1));
  const promptKeys = [...new Set(used.map((r) => r.prompt))].sort();
  const promptIndex = new Map(promptKeys.map((p, i) => [p, i]));
  const clusterOf = Int32Array.from(used, (r) => promptIndex.get(r.prompt)!);
  const promptsPerModel = models.map(
    (m) => new Set(used.filter((r) => r.baseline === m).map((r) => r.prompt)).size,
  );
  const resamples = opts.resamples ?? RESAMPLES;
  const random = seededRandom(opts.seed ?? SEED);
  const reps = models.map(() => new Float64Array(resamples));
  const clusterWeight = new Float64Array(promptKeys.length);
  const rowWeight = new Float64Array(used.length);
  for (let b = 0; b < resamples; b++) {
    drawMultiplicities(random, clusterWeight);
    for (let i = 0; i < used.length; i++) rowWeight[i] = clusterWeight[clusterOf[i]];
    const theta = fitLogistic(data, models.length, rowWeight, fit);
    // A baseline with no prompt in this resample has no estimate here (its theta would be the ridge's 0).
    const present = new Uint8Array(models.length);
    for (let i = 0; i < used.length; i++) if (rowWeight[i]) present[data.group[i]] = 1;
    models.forEach((_, j) => (reps[j][b] = present[j] ? sigmoid(theta[j]) : NaN));
  }
  return models.map((model, j) => ({
    model,
    referenceWins: sigmoid(fit[j]),
    ci95: promptsPerModel[j] >= MIN_PROMPTS_FOR_INTERVAL ? percentile95(reps[j]) : null,
  }));
}

type LogisticData = { group: Int32Array; x: Float64Array; wins: Float64Array; n: Float64Array };

/**
 * Newton-Raphson for the binomial log-likelihood with one intercept per group and a shared slope, rows weighted;
 * returns [theta_0 .. theta_{G-1}, phi]. The Hessian is block-arrow shaped (diagonal in the thetas), so each step is
 * solved by a Schur complement on phi.
 */
function fitLogistic(
  data: LogisticData,
  groups: number,
  weight: Float64Array,
  start?: Float64Array,
): Float64Array {
  const beta = start ? Float64Array.from(start) : new Float64Array(groups + 1);
  const g = new Float64Array(groups + 1);
  const hDiag = new Float64Array(groups);
  const hCross = new Float64Array(groups);
  for (let iter = 0; iter < 100; iter++) {
    g.fill(0);
    hDiag.fill(0);
    hCross.fill(0);
    let hPhi = RIDGE;
    for (let j = 0; j < groups; j++) {
      g[j] = -RIDGE * beta[j];
      hDiag[j] = RIDGE;
    }
    g[groups] = -RIDGE * beta[groups];
    for (let i = 0; i < data.x.length; i++) {
      const w = weight[i];
      if (!w) continue;
      const j = data.group[i];
      const mu = sigmoid(beta[j] + beta[groups] * data.x[i]);
      const resid = w * (data.wins[i] - data.n[i] * mu);
      const info = w * data.n[i] * mu * (1 - mu);
      g[j] += resid;
      g[groups] += resid * data.x[i];
      hDiag[j] += info;
      hCross[j] += info * data.x[i];
      hPhi += info * data.x[i] * data.x[i];
    }
    // Solve H step = g with H = [[diag(hDiag), hCross], [hCross^T, hPhi]].
    let schur = hPhi;
    let rhs = g[groups];
    for (let j = 0; j < groups; j++) {
      schur -= (hCross[j] * hCross[j]) / hDiag[j];
      rhs -= (hCross[j] * g[j]) / hDiag[j];
    }
    const stepPhi = rhs / schur;
    let largest = Math.abs(stepPhi);
    beta[groups] += stepPhi;
    for (let j = 0; j < groups; j++) {
      const step = (g[j] - hCross[j] * stepPhi) / hDiag[j];
      beta[j] += step;
      largest = Math.max(largest, Math.abs(step));
    }
    if (largest < 1e-10) break;
  }
  return beta;
}
