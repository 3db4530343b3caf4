import { quantileSorted, seededRandom } from "./random";

/** Verdict counts for one prompt (all live judgments of that prompt together). */
export type PromptCounts = { reference: number; tie: number; baseline: number };
type Interval = [number, number];
export type WinRates = {
  n: number;
  counts: PromptCounts;
  rates: PromptCounts;
  /** LIMA's "equal or better": reference wins + ties. */
  equalOrBetter: number;
  ci95: { reference: Interval; tie: Interval; baseline: Interval; equalOrBetter: Interval };
};

const BOOTSTRAP_RESAMPLES = 1000;
const BOOTSTRAP_SEED = 20230518;

/**
 * Win/tie/loss rates of the reference against one baseline, with 95% percentile intervals from a bootstrap that
 * resamples prompts (a prompt's judgments stay together), with a fixed seed so the numbers are reproducible.
 */
export function winRates(
  perPrompt: PromptCounts[],
  opts: { resamples?: number; seed?: number } = {},
): WinRates {
  const resamples = opts.resamples ?? BOOTSTRAP_RESAMPLES;
  const counts = perPrompt.reduce(
    (a, p) => ({
      reference: a.reference + p.reference,
      tie: a.tie + p.tie,
      baseline: a.baseline + p.baseline,
    }),
    { reference: 0, tie: 0, baseline: 0 },
  );
  const n = counts.reference + counts.tie + counts.baseline;
  const rate = (x: number) => (n === 0 ? 0 : x / n);
  const rates = { reference: rate(counts.reference), tie: rate(counts.tie), baseline: rate(counts.baseline) };
  const empty: Interval = [0, 0];
  if (n === 0 || perPrompt.length === 0) {
    return {
      n,
      counts,
      rates,
      equalOrBetter: 0,
      ci95: { reference: empty, tie: empty, baseline: empty, equalOrBetter: empty },
    };
  }
  const P = perPrompt.length;
  const ref = Float64Array.from(perPrompt, (p) => p.reference);
  const tie = Float64Array.from(perPrompt, (p) => p.tie);
  const tot = Float64Array.from(perPrompt, (p) => p.reference + p.tie + p.baseline);
  const random = seededRandom(opts.seed ?? BOOTSTRAP_SEED);
  const sRef = new Float64Array(resamples);
  const sTie = new Float64Array(resamples);
  const sBase = new Float64Array(resamples);
  const sEob = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let r = 0;
    let t = 0;
    let m = 0;
    for (let i = 0; i < P; i++) {
      const k = Math.floor(random() * P);
      r += ref[k];
      t += tie[k];
      m += tot[k];
    }
    sRef[b] = m ? r / m : 0;
    sTie[b] = m ? t / m : 0;
    sBase[b] = m ? (m - r - t) / m : 0;
    sEob[b] = m ? (r + t) / m : 0;
  }
  const ci = (a: Float64Array): Interval => {
    a.sort();
    return [quantileSorted(a, 0.025), quantileSorted(a, 0.975)];
  };
  return {
    n,
    counts,
    rates,
    equalOrBetter: rates.reference + rates.tie,
    ci95: { reference: ci(sRef), tie: ci(sTie), baseline: ci(sBase), equalOrBetter: ci(sEob) },
  };
}
