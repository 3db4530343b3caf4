import { drawMultiplicities, percentile95, seededRandom } from "./random";
import { MIN_PROMPTS_FOR_INTERVAL, type Interval, type PromptCounts } from "./win-rates";

/** One baseline's verdict counts per prompt, keyed by a stable prompt key (the prompt's id in the file). */
export type BaselinePrompts = { model: string; prompts: Map<string, PromptCounts> };
export type MarginDifference = { a: string; b: string; difference: number; ci95: Interval };

const RESAMPLES = 1000;
const SEED = 20230520;

const marginOf = (r: number, t: number, m: number) => (m ? (2 * r + t - m) / m : NaN);

/**
 * For every two baselines a < b: the reference's margin (wins minus losses, as a share) against a, minus its margin
 * against b, with a 95% interval from a bootstrap over prompts in which both baselines are resampled with the same
 * prompts (a prompt answered by both is one cluster, so the pairing is kept). No interval unless each baseline has
 * at least 10 prompts.
 */
export function marginDifferences(
  baselines: BaselinePrompts[],
  opts: { resamples?: number; seed?: number } = {},
): MarginDifference[] {
  const sorted = [...baselines].sort(
    (x, y) => x.model.localeCompare(y.model, "en") || (x.model < y.model ? -1 : x.model > y.model ? 1 : 0),
  );
  const keys = [...new Set(sorted.flatMap((b) => [...b.prompts.keys()]))].sort();
  const P = keys.length;
  const counts = sorted.map((b) => {
    const ref = new Float64Array(P);
    const tie = new Float64Array(P);
    const tot = new Float64Array(P);
    keys.forEach((k, i) => {
      const c = b.prompts.get(k);
      if (!c) return;
      ref[i] = c.reference;
      tie[i] = c.tie;
      tot[i] = c.reference + c.tie + c.baseline;
    });
    return { ref, tie, tot, prompts: b.prompts.size };
  });
  const point = counts.map((c) => marginOf(sum(c.ref), sum(c.tie), sum(c.tot)));
  const resamples = opts.resamples ?? RESAMPLES;
  const random = seededRandom(opts.seed ?? SEED);
  const replicates = counts.map(() => new Float64Array(resamples));
  const w = new Float64Array(P);
  for (let b = 0; b < resamples; b++) {
    drawMultiplicities(random, w);
    counts.forEach((c, j) => {
      let r = 0;
      let t = 0;
      let m = 0;
      for (let i = 0; i < P; i++) {
        if (w[i] === 0) continue;
        r += w[i] * c.ref[i];
        t += w[i] * c.tie[i];
        m += w[i] * c.tot[i];
      }
      replicates[j][b] = marginOf(r, t, m);
    });
  }
  const out: MarginDifference[] = [];
  for (let x = 0; x < sorted.length; x++)
    for (let y = x + 1; y < sorted.length; y++) {
      const enough =
        counts[x].prompts >= MIN_PROMPTS_FOR_INTERVAL && counts[y].prompts >= MIN_PROMPTS_FOR_INTERVAL;
      const diff = new Float64Array(resamples);
      for (let b = 0; b < resamples; b++) diff[b] = replicates[x][b] - replicates[y][b];
      out.push({
        a: sorted[x].model,
        b: sorted[y].model,
        difference: point[x] - point[y],
        ci95: enough ? percentile95(diff) : null,
      });
    }
  return out;
}

function sum(a: Float64Array) {
  let s = 0;
  for (const x of a) s += x;
  return s;
}
