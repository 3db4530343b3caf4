import { pairTotals } from "./pair-totals";
import { drawMultiplicities, quantileSorted, seededRandom } from "./random";

/** Outcomes between two models on one prompt: `winsA` counts a tie as half a win for each side. */
export type PairOutcome = { a: string; b: string; winsA: number; n: number };

/** The pairs of models that met somewhere in the data (the design the prior is spread over). */
function designOf(outcomes: PairOutcome[]): [string, string][] {
  const seen = new Map<string, Set<string>>();
  const pairs: [string, string][] = [];
  for (const o of outcomes) {
    const [x, y] = o.a < o.b ? [o.a, o.b] : [o.b, o.a];
    let partners = seen.get(x);
    if (!partners) seen.set(x, (partners = new Set()));
    if (partners.has(y)) continue;
    partners.add(y);
    pairs.push([x, y]);
  }
  return pairs;
}

/**
 * Bradley-Terry strengths by Hunter's (2004) MM algorithm: p_i <- W_i / sum_j n_ij / (p_i + p_j), returned as
 * log-strengths centred on their mean. A weak prior, one pseudo-game split half and half on every pair of the
 * design, keeps every estimate finite (a model that won or lost everything has no finite MLE) and is applied the
 * same way to the full data and to every bootstrap resample, over the full data's design: a model absent from a
 * resample is estimated from the prior alone, never dropped.
 */
export function bradleyTerry(
  outcomes: PairOutcome[],
  opts: { design?: [string, string][]; iterations?: number; tolerance?: number; priorGames?: number } = {},
): Map<string, number> {
  const design = opts.design ?? designOf(outcomes);
  const models = [...new Set(design.flat())].sort();
  const index = new Map(models.map((m, i) => [m, i]));
  const { wins, games } = priorTables(design, index, opts.priorGames ?? 1);
  for (const o of outcomes) addOutcome(wins, games, index.get(o.a)!, index.get(o.b)!, o.winsA, o.n);
  const logP = fitMM(wins, games, opts);
  return new Map(models.map((m, i) => [m, logP[i]]));
}

/** `priorGames` pseudo-games on every pair of the design, split half and half. */
function priorTables(design: [string, string][], index: Map<string, number>, priorGames: number) {
  const M = index.size;
  const wins = new Float64Array(M);
  const games = new Float64Array(M * M);
  for (const [x, y] of design)
    addOutcome(wins, games, index.get(x)!, index.get(y)!, priorGames / 2, priorGames);
  return { wins, games };
}

function addOutcome(wins: Float64Array, games: Float64Array, i: number, j: number, winsA: number, n: number) {
  const M = wins.length;
  wins[i] += winsA;
  wins[j] += n - winsA;
  games[i * M + j] += n;
  games[j * M + i] += n;
}

/** The MM iterations on win totals and an M x M table of games; log-strengths centred on their mean. */
function fitMM(
  wins: Float64Array,
  games: Float64Array,
  opts: { iterations?: number; tolerance?: number; start?: Float64Array },
): Float64Array {
  const M = wins.length;
  let p = opts.start ? Float64Array.from(opts.start) : new Float64Array(M).fill(1);
  let next = new Float64Array(M);
  for (let it = 0; it < (opts.iterations ?? 10_000); it++) {
    let logSum = 0;
    for (let i = 0; i < M; i++) {
      let denom = 0;
      for (let j = 0; j < M; j++) {
        const g = games[i * M + j];
        if (g > 0) denom += g / (p[i] + p[j]);
      }
      next[i] = denom > 0 ? wins[i] / denom : p[i];
      logSum += Math.log(next[i]);
    }
    const scale = Math.exp(logSum / M);
    let change = 0;
    for (let i = 0; i < M; i++) {
      next[i] /= scale;
      change = Math.max(change, Math.abs(next[i] - p[i]));
    }
    [p, next] = [next, p];
    if (change < (opts.tolerance ?? 1e-10)) break;
  }
  return p.map(Math.log);
}

/**
 * The same maximum (with the prior in the tables) by Newton-Raphson on the log-strengths, from a start close to
 * it (a resample starts from the data's own fit): a handful of steps where MM takes hundreds. The gauge is fixed by
 * holding the last model at 0 and centring afterwards; returns null when a step fails, for MM to take over.
 */
function fitNewton(wins: Float64Array, games: Float64Array, startLog: Float64Array): Float64Array | null {
  const M = wins.length;
  const theta = Float64Array.from(startLog);
  const K = M - 1;
  const h = new Float64Array(K * K);
  const g = new Float64Array(K);
  for (let iter = 0; iter < 50; iter++) {
    h.fill(0);
    g.fill(0);
    for (let i = 0; i < K; i++) g[i] = wins[i];
    for (let i = 0; i < M; i++)
      for (let j = i + 1; j < M; j++) {
        const n = games[i * M + j];
        if (n === 0) continue;
        const pi = 1 / (1 + Math.exp(theta[j] - theta[i]));
        const v = n * pi * (1 - pi);
        if (i < K) {
          g[i] -= n * pi;
          h[i * K + i] += v;
        }
        if (j < K) {
          g[j] -= n * (1 - pi);
          h[j * K + j] += v;
        }
        if (i < K && j < K) {
          h[i * K + j] -= v;
          h[j * K + i] -= v;
        }
      }
    const step = solve(h, g, K);
    if (!step) return null;
    let largest = 0;
    for (let i = 0; i < K; i++) {
      theta[i] += step[i];
      largest = Math.max(largest, Math.abs(step[i]));
    }
    if (!Number.isFinite(largest) || largest > 50) return null;
    if (largest < 1e-10) break;
  }
  let mean = 0;
  for (let i = 0; i < M; i++) mean += theta[i] / M;
  return theta.map((t) => t - mean);
}

/** Solves A x = b (A symmetric positive definite, K x K, row-major) by Cholesky; null when it is not. */
function solve(a: Float64Array, b: Float64Array, K: number): Float64Array | null {
  const l = new Float64Array(K * K);
  for (let i = 0; i < K; i++)
    for (let j = 0; j <= i; j++) {
      let sum = a[i * K + j];
      for (let k = 0; k < j; k++) sum -= l[i * K + k] * l[j * K + k];
      if (i === j) {
        if (sum <= 0) return null;
        l[i * K + i] = Math.sqrt(sum);
      } else l[i * K + j] = sum / l[j * K + j];
    }
  const y = new Float64Array(K);
  for (let i = 0; i < K; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i * K + k] * y[k];
    y[i] = sum / l[i * K + i];
  }
  const x = new Float64Array(K);
  for (let i = K - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < K; k++) sum -= l[k * K + i] * x[k];
    x[i] = sum / l[i * K + i];
  }
  return x;
}

/** `rank` is 1 + the number of models whose interval lies wholly above this one's (FastChat's leaderboard rule). */
export type Ranked = { model: string; score: number; ci95: [number, number]; rank: number };

/** Ranks from intervals: 1 + the number of models whose lower bound is above this model's upper bound. */
export function ranksFromIntervals(intervals: [number, number][]): number[] {
  return intervals.map(([, hi]) => 1 + intervals.filter(([lo]) => lo > hi).length);
}

/**
 * Bradley-Terry log-strengths of the data and of 1,000 resamples of prompts (fixed seed; 200 left the second decimal
 * to chance). Every resample is fitted with the full data's design and prior; resamples add each drawn prompt's
 * outcomes into the tables directly, so 10,000 prompts stay fast. Models sorted by name.
 */
export async function bootstrapStrengths(
  perPrompt: PairOutcome[][],
  opts: { resamples?: number; seed?: number; priorGames?: number } = {},
): Promise<{ models: string[]; point: Map<string, number>; samples: Float64Array[]; games: Float64Array }> {
  const all = perPrompt.flat();
  const design = designOf(all);
  const models = [...new Set(design.flat())].sort();
  const index = new Map(models.map((m, i) => [m, i]));
  const priorGames = opts.priorGames ?? 1;
  const point = bradleyTerry(all, { design, priorGames });
  // A resample needs only each pair's totals: the sum over outcomes of their prompt's multiplicity times their
  // wins and games (pairTotals). The fit of each resample starts from the data's own strengths.
  const M = models.length;
  const pairIndex = new Int32Array(M * M).fill(-1);
  const pairs: [number, number][] = [];
  for (const [x, y] of design) {
    const [i, j] = [index.get(x)!, index.get(y)!];
    if (pairIndex[i * M + j] < 0) {
      pairIndex[i * M + j] = pairIndex[j * M + i] = pairs.length;
      pairs.push([Math.min(i, j), Math.max(i, j)]);
    }
  }
  const X = all.length;
  const outcomes = {
    offsets: new Int32Array(perPrompt.length + 1),
    pairOf: new Int32Array(X),
    wins: new Float64Array(X),
    games: new Float64Array(X),
    pairs: pairs.length,
  };
  const modelGames = new Float64Array(M);
  let x = 0;
  perPrompt.forEach((list, k) => {
    for (const o of list) {
      const [i, j] = [index.get(o.a)!, index.get(o.b)!];
      outcomes.pairOf[x] = pairIndex[i * M + j];
      outcomes.wins[x] = i < j ? o.winsA : o.n - o.winsA;
      outcomes.games[x] = o.n;
      modelGames[i] += o.n;
      modelGames[j] += o.n;
      x++;
    }
    outcomes.offsets[k + 1] = x;
  });
  const random = seededRandom(opts.seed ?? 20230518);
  const resamples = opts.resamples ?? 1000;
  const samples = models.map(() => new Float64Array(resamples));
  const P = perPrompt.length;
  const startLog = Float64Array.from(models, (m) => point.get(m)!);
  const start = startLog.map(Math.exp);
  // Resamples are drawn in order from one stream, in chunks that keep their multiplicities under ~16 MB.
  const chunk = Math.max(1, Math.min(resamples, Math.floor(8_000_000 / Math.max(P, 1))));
  const draw = new Float64Array(P);
  for (let from = 0; from < resamples; from += chunk) {
    const n = Math.min(chunk, resamples - from);
    const multiplicities = new Uint16Array(n * P);
    for (let r = 0; r < n; r++) {
      drawMultiplicities(random, draw);
      for (let p = 0; p < P; p++) multiplicities[r * P + p] = draw[p];
    }
    const totals = await pairTotals(outcomes, multiplicities, n);
    for (let r = 0; r < n; r++) {
      const { wins, games } = priorTables(design, index, priorGames);
      const base = r * 2 * pairs.length;
      pairs.forEach(([i, j], q) =>
        addOutcome(wins, games, i, j, totals[base + 2 * q], totals[base + 2 * q + 1]),
      );
      const logP =
        (M > 1 ? fitNewton(wins, games, startLog) : null) ??
        fitMM(wins, games, { iterations: 2000, tolerance: 1e-8, start });
      for (let m = 0; m < M; m++) samples[m][from + r] = logP[m];
    }
  }
  return { models, point, samples, games: modelGames };
}

/** Bradley-Terry scores (log-strengths centred on their mean) with 95% bootstrap intervals over prompts. */
export async function bradleyTerryRanking(
  perPrompt: PairOutcome[][],
  opts: { resamples?: number; seed?: number } = {},
): Promise<Ranked[]> {
  if (perPrompt.every((p) => p.length === 0)) return [];
  const { models, point, samples } = await bootstrapStrengths(perPrompt, opts);
  const ci95 = models.map((_, m) => {
    const sorted = samples[m].sort();
    return [quantileSorted(sorted, 0.025), quantileSorted(sorted, 0.975)] as [number, number];
  });
  const ranks = ranksFromIntervals(ci95);
  return models
    .map((model, m) => ({ model, score: point.get(model)!, ci95: ci95[m], rank: ranks[m] }))
    .sort((x, y) => y.score - x.score || (x.model < y.model ? -1 : 1));
}
