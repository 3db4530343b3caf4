import { quantileSorted, seededRandom } from "./random";

/** Outcomes between two models on one prompt: `winsA` counts a tie as half a win for each side. */
export type PairOutcome = { a: string; b: string; winsA: number; n: number };

/** The pairs of models that met somewhere in the data (the design the prior is spread over). */
function designOf(outcomes: PairOutcome[]): [string, string][] {
  const pairs = new Map<string, [string, string]>();
  for (const o of outcomes) {
    const [x, y] = o.a < o.b ? [o.a, o.b] : [o.b, o.a];
    pairs.set(`${x}\u0000${y}`, [x, y]);
  }
  return [...pairs.values()];
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
  opts: { iterations?: number; tolerance?: number },
): Float64Array {
  const M = wins.length;
  let p = new Float64Array(M).fill(1);
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
export function bootstrapStrengths(
  perPrompt: PairOutcome[][],
  opts: { resamples?: number; seed?: number; priorGames?: number } = {},
): { models: string[]; point: Map<string, number>; samples: Float64Array[] } {
  const all = perPrompt.flat();
  const design = designOf(all);
  const models = [...new Set(design.flat())].sort();
  const index = new Map(models.map((m, i) => [m, i]));
  const priorGames = opts.priorGames ?? 1;
  const point = bradleyTerry(all, { design, priorGames });
  // Each prompt's outcomes as a slice of flat typed arrays: the resampling loop touches numbers only.
  const offsets = new Int32Array(perPrompt.length + 1);
  perPrompt.forEach((o, k) => (offsets[k + 1] = offsets[k] + o.length));
  const I = Int32Array.from(all, (o) => index.get(o.a)!);
  const J = Int32Array.from(all, (o) => index.get(o.b)!);
  const W = Float64Array.from(all, (o) => o.winsA);
  const N = Float64Array.from(all, (o) => o.n);
  const random = seededRandom(opts.seed ?? 20230518);
  const resamples = opts.resamples ?? 1000;
  const samples = models.map(() => new Float64Array(resamples));
  const P = perPrompt.length;
  for (let b = 0; b < resamples; b++) {
    const { wins, games } = priorTables(design, index, priorGames);
    for (let k = 0; k < P; k++) {
      const drawn = Math.floor(random() * P);
      for (let x = offsets[drawn]; x < offsets[drawn + 1]; x++)
        addOutcome(wins, games, I[x], J[x], W[x], N[x]);
    }
    const logP = fitMM(wins, games, { iterations: 2000, tolerance: 1e-8 });
    for (let m = 0; m < models.length; m++) samples[m][b] = logP[m];
  }
  return { models, point, samples };
}

/** Bradley-Terry scores (log-strengths centred on their mean) with 95% bootstrap intervals over prompts. */
export function bradleyTerryRanking(
  perPrompt: PairOutcome[][],
  opts: { resamples?: number; seed?: number } = {},
): Ranked[] {
  if (perPrompt.flat().length === 0) return [];
  const { models, point, samples } = bootstrapStrengths(perPrompt, opts);
  const ci95 = models.map((_, m) => {
    const sorted = samples[m].sort();
    return [quantileSorted(sorted, 0.025), quantileSorted(sorted, 0.975)] as [number, number];
  });
  const ranks = ranksFromIntervals(ci95);
  return models
    .map((model, m) => ({ model, score: point.get(model)!, ci95: ci95[m], rank: ranks[m] }))
    .sort((x, y) => y.score - x.score || (x.model < y.model ? -1 : 1));
}
