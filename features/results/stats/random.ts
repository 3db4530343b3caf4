/** mulberry32: a small, fast, seedable PRNG so bootstrap intervals are reproducible. Returns [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Linear-interpolated quantile (type 7, as R and numpy default) of a sorted array. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** One bootstrap draw as multiplicities: n draws with replacement from 0..n-1, counted into `out` (length n). */
export function drawMultiplicities(random: () => number, out: Float64Array): Float64Array {
  const n = out.length;
  out.fill(0);
  for (let i = 0; i < n; i++) out[Math.floor(random() * n)]++;
  return out;
}

/** The 95% percentile interval of bootstrap replicates (sorts them in place); NaN replicates are left out. */
export function percentile95(replicates: Float64Array): [number, number] | null {
  const finite = replicates.filter((x) => Number.isFinite(x)).sort();
  if (finite.length === 0) return null;
  return [quantileSorted(finite, 0.025), quantileSorted(finite, 0.975)];
}
