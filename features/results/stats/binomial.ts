/**
 * Exact two-sided binomial test (as R's binom.test): the probability, under Binomial(n, p), of an outcome
 * no more likely than the one observed.
 */
export function binomialTwoSided(k: number, n: number, p = 0.5): number {
  if (n === 0) return 1;
  const lf = new Float64Array(n + 1);
  for (let i = 1; i <= n; i++) lf[i] = lf[i - 1] + Math.log(i);
  const logPmf = (i: number) => lf[n] - lf[i] - lf[n - i] + i * Math.log(p) + (n - i) * Math.log(1 - p);
  const observed = logPmf(k);
  const tolerance = 1 + 1e-7;
  let total = 0;
  for (let i = 0; i <= n; i++) {
    const lp = logPmf(i);
    if (lp <= observed + Math.log(tolerance)) total += Math.exp(lp);
  }
  return Math.min(1, total);
}
