import { quantileSorted, seededRandom } from "./random";

/** Outcomes between two models on one prompt: `winsA` counts a tie as half a win for each side. */
export type PairOutcome = { a: string; b: string; winsA: number; n: number };

/**
 * Bradley-Terry strengths by Hunter's (2004) MM algorithm: p_i <- W_i / sum_j n_ij / (p_i + p_j).
 * Returned as log-strengths centred on their mean. A model that won or lost everything has no finite MLE, so in
 * that case every pair gets a half-win pseudo-count each way (a weak prior), which keeps the ranking finite.
 */
export function bradleyTerry(
  outcomes: PairOutcome[],
  opts: { iterations?: number; tolerance?: number } = {},
): Map<string, number> {
  const models = [...new Set(outcomes.flatMap((o) => [o.a, o.b]))].sort();
  const index = new Map(models.map((m, i) => [m, i]));
  const M = models.length;
  const wins = new Float64Array(M);
  const games = Array.from({ length: M }, () => new Float64Array(M));
  for (const o of outcomes) {
    const i = index.get(o.a)!;
    const j = index.get(o.b)!;
    wins[i] += o.winsA;
    wins[j] += o.n - o.winsA;
    games[i][j] += o.n;
    games[j][i] += o.n;
  }
  const played = (i: number) => games[i].reduce((s, x) => s + x, 0);
  if (models.some((_, i) => wins[i] <= 0 || wins[i] >= played(i))) {
    for (let i = 0; i < M; i++)
      for (let j = 0; j < M; j++)
        if (i !== j && games[i][j] > 0) {
          wins[i] += 0.5;
          games[i][j] += 1;
        }
  }
  let p = new Float64Array(M).fill(1);
  for (let it = 0; it < (opts.iterations ?? 10_000); it++) {
    const next = new Float64Array(M);
    for (let i = 0; i < M; i++) {
      let denom = 0;
      for (let j = 0; j < M; j++) if (games[i][j] > 0) denom += games[i][j] / (p[i] + p[j]);
      next[i] = denom > 0 ? wins[i] / denom : p[i];
    }
    const logMean = next.reduce((s, x) => s + Math.log(x), 0) / M;
    for (let i = 0; i < M; i++) next[i] /= Math.exp(logMean);
    const change = Math.max(...next.map((x, i) => Math.abs(x - p[i])));
    p = next;
    if (change < (opts.tolerance ?? 1e-10)) break;
  }
  return new Map(models.map((m, i) => [m, Math.log(p[i])]));
}

export type Ranked = { model: string; score: number; ci95: [number, number] };

/** Bradley-Terry scores with 95% bootstrap intervals from resampling prompts (fixed seed). */
export function bradleyTerryRanking(
  perPrompt: PairOutcome[][],
  opts: { resamples?: number; seed?: number } = {},
): Ranked[] {
  const all = perPrompt.flat();
  if (all.length === 0) return [];
  const point = bradleyTerry(all);
  const random = seededRandom(opts.seed ?? 20230518);
  const samples = new Map([...point.keys()].map((m) => [m, [] as number[]]));
  const resamples = opts.resamples ?? 200;
  for (let b = 0; b < resamples; b++) {
    const drawn: PairOutcome[] = [];
    for (let i = 0; i < perPrompt.length; i++)
      drawn.push(...perPrompt[Math.floor(random() * perPrompt.length)]);
    const s = bradleyTerry(drawn, { iterations: 2000, tolerance: 1e-8 });
    for (const [m, list] of samples) list.push(s.get(m) ?? NaN);
  }
  return [...point]
    .map(([model, score]) => {
      const sorted = samples
        .get(model)!
        .filter(Number.isFinite)
        .sort((x, y) => x - y);
      return {
        model,
        score,
        ci95: [quantileSorted(sorted, 0.025), quantileSorted(sorted, 0.975)] as [number, number],
      };
    })
    .sort((x, y) => y.score - x.score);
}
