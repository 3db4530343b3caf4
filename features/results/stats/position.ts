import { studentQuantile, studentTwoSided } from "./student-t";

/** One rater's verdicts for the response shown on the left, out of its decided verdicts with a known side. */
export type RaterPosition = { left: number; decided: number };

export type ClusteredPosition = {
  raters: number;
  rate: number | null;
  /** Two-sided t test of rate = 0.5 with a cluster-robust (CR1) standard error, raters - 1 degrees of freedom. */
  p: number | null;
  ci95: [number, number] | null;
};

/**
 * Position bias with raters as clusters: the pooled left rate r = sum l / sum d is a ratio estimator, whose
 * cluster-robust variance is G/(G-1) * sum_g (l_g - r d_g)^2 / (sum d)^2 over the G raters who decided something.
 * Verdicts of one rater are not independent (a rater who favours the left does so on every item), so this test is
 * the honest one where raters differ; the exact binomial test beside it treats every verdict as independent.
 */
export function clusteredPosition(raters: RaterPosition[]): ClusteredPosition {
  const used = raters.filter((r) => r.decided > 0);
  const G = used.length;
  const D = used.reduce((a, r) => a + r.decided, 0);
  const L = used.reduce((a, r) => a + r.left, 0);
  const rate = D ? L / D : null;
  if (rate === null || G < 2) return { raters: G, rate, p: null, ci95: null };
  const variance = ((G / (G - 1)) * used.reduce((a, r) => a + (r.left - rate * r.decided) ** 2, 0)) / (D * D);
  // Every rater at exactly the same rate: no spread to estimate an error from.
  if (variance === 0) return { raters: G, rate, p: null, ci95: null };
  const se = Math.sqrt(variance);
  const q = studentQuantile(0.05, G - 1);
  return {
    raters: G,
    rate,
    p: studentTwoSided((rate - 0.5) / se, G - 1),
    ci95: [Math.max(0, rate - q * se), Math.min(1, rate + q * se)],
  };
}

/**
 * Holm's step-down adjustment of p values for testing several hypotheses at once (each rater's position test):
 * sorted ascending, p_(i) -> max over j <= i of min(1, (m - j + 1) p_(j)). Nulls stay null and do not count in m.
 */
export function holm(ps: (number | null)[]): (number | null)[] {
  const order = ps
    .map((p, i) => ({ p, i }))
    .filter((x): x is { p: number; i: number } => x.p !== null)
    .sort((a, b) => a.p - b.p || a.i - b.i);
  const m = order.length;
  const out: (number | null)[] = ps.map(() => null);
  let running = 0;
  order.forEach(({ p, i }, j) => {
    running = Math.max(running, Math.min(1, (m - j) * p));
    out[i] = running;
  });
  return out;
}
