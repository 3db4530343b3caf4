import { bootstrapStrengths, ranksFromIntervals, type PairOutcome } from "./bradley-terry";
import { percentile95 } from "./random";
import { MIN_PROMPTS_FOR_INTERVAL } from "./win-rates";

export type EloRanked = {
  model: string;
  elo: number;
  /** Null under 10 prompts (see MIN_PROMPTS_FOR_INTERVAL). */
  ci95: [number, number] | null;
  /** 1 + the number of models whose lower bound is above this one's upper bound; null without intervals. */
  rank: number | null;
  /** Verdicts this model took part in. */
  n: number;
};

const SCALE = 400;
const INITIAL = 1000;
/**
 * A vanishing prior (a hundredth of a game per pair, split evenly): the estimate is the maximum-likelihood one
 * wherever that exists (within a fraction of an Elo point on real data) and stays finite for a model that won or
 * lost every verdict, where the MLE does not exist.
 */
const PRIOR_GAMES = 0.01;

/**
 * An arena leaderboard on the Elo-like scale of FastChat's `compute_mle_elo`: Bradley-Terry maximum likelihood with
 * ties as half a win, strengths as 400 log10(p), the first model by name anchored at 1000; 95% intervals from 1,000
 * resamples of prompts (each resample anchored the same way); rank as Chatbot Arena's leaderboard gives it.
 */
export async function eloRanking(
  perPrompt: PairOutcome[][],
  opts: { resamples?: number; seed?: number } = {},
): Promise<EloRanked[]> {
  if (perPrompt.every((p) => p.length === 0)) return [];
  const { models, point, samples, games } = await bootstrapStrengths(perPrompt, {
    ...opts,
    priorGames: PRIOR_GAMES,
  });
  const toElo = SCALE / Math.LN10;
  const anchor = models[0];
  const elo = models.map((m) => INITIAL + toElo * (point.get(m)! - point.get(anchor)!));
  const enough = perPrompt.filter((p) => p.length > 0).length >= MIN_PROMPTS_FOR_INTERVAL;
  const ci95 = models.map((_, m) => {
    if (!enough) return null;
    const replicates = new Float64Array(samples[m].length);
    for (let b = 0; b < replicates.length; b++)
      replicates[b] = INITIAL + toElo * (samples[m][b] - samples[0][b]);
    return percentile95(replicates);
  });
  const ranks = enough ? ranksFromIntervals(ci95 as [number, number][]) : models.map(() => null);
  return models
    .map((model, m) => ({ model, elo: elo[m], ci95: ci95[m], rank: ranks[m], n: games[m] }))
    .sort((x, y) => y.elo - x.elo || (x.model < y.model ? -1 : 1));
}

/**
 * For every two models of the design: the width (in Elo points) of the 95% bootstrap interval of their difference,
 * Infinity for a pair no resample can place (never met, directly or through others). Keys "a\u0000b", a < b.
 */
export async function eloDifferenceWidths(
  perPrompt: PairOutcome[][],
  opts: { resamples?: number; seed?: number } = {},
): Promise<Map<string, number>> {
  const widths = new Map<string, number>();
  if (perPrompt.every((p) => p.length === 0)) return widths;
  const { models, samples } = await bootstrapStrengths(perPrompt, { ...opts, priorGames: PRIOR_GAMES });
  const toElo = SCALE / Math.LN10;
  const diff = new Float64Array(samples[0].length);
  for (let i = 0; i < models.length; i++)
    for (let j = i + 1; j < models.length; j++) {
      for (let b = 0; b < diff.length; b++) diff[b] = toElo * (samples[i][b] - samples[j][b]);
      const ci = percentile95(diff);
      widths.set(`${models[i]}\u0000${models[j]}`, ci ? ci[1] - ci[0] : Infinity);
    }
  return widths;
}
