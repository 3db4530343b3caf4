import type { PromptCounts } from "./win-rates";

/** 1.96: the normal quantile of a two-sided 95% interval. */
const Z95 = 1.959963984540054;
/** The judgments per prompt a plan is offered for. */
export const PLAN_PER_PROMPT = [1, 2, 3, 5] as const;
/** Judgments beyond the first on a prompt (N - P) needed to split the variance between and within prompts. */
const MIN_WITHIN_DF = 10;

export type Plan = {
  /** Prompts and mean judgments per prompt in the data the plan is drawn from. */
  prompts: number;
  judgmentsPerPrompt: number;
  /**
   * Share of the reference-win indicator's variance that lies between prompts (one-way ANOVA estimate); null when
   * too few prompts have a second judgment to tell the two parts apart.
   */
  icc: number | null;
  /** Variance of the win rate against simple random sampling of judgments, at this study's judgments per prompt. */
  designEffect: number | null;
  /** For each number of judgments per prompt: the prompts a 95% interval of the target half-width needs. */
  needed: { perPrompt: number; prompts: number }[];
};

/**
 * How many prompts (and judgments per prompt) the reference-win rate against one baseline needs for a 95% interval
 * of half-width `halfWidth`, from this study's own variance components: y = 1 when the reference wins a verdict,
 * sigma_b^2 between prompts and sigma_w^2 within (one-way ANOVA with unequal group sizes, k0 as in Searle), and
 * Var(rate) = (sigma_b^2 + sigma_w^2 / k) / P for P prompts with k judgments each. With under 10 within-prompt
 * degrees of freedom (N - P) the split is noise: only the plan at one judgment per prompt is given, from the total
 * variance p(1 - p). Null with fewer than 2 prompts or no variation at all.
 */
export function planPrompts(perPrompt: PromptCounts[], halfWidth: number): Plan | null {
  const groups = perPrompt
    .map((c) => ({ n: c.reference + c.tie + c.baseline, wins: c.reference }))
    .filter((g) => g.n > 0);
  const P = groups.length;
  const N = groups.reduce((a, g) => a + g.n, 0);
  if (P < 2) return null;
  const mean = groups.reduce((a, g) => a + g.wins, 0) / N;
  const need = (variance: number) => Math.ceil((Z95 * Z95 * variance) / (halfWidth * halfWidth));
  if (N - P < MIN_WITHIN_DF) {
    if (mean === 0 || mean === 1) return null;
    return {
      prompts: P,
      judgmentsPerPrompt: N / P,
      icc: null,
      designEffect: null,
      needed: [{ perPrompt: 1, prompts: need(mean * (1 - mean)) }],
    };
  }
  // Sums of squares for 0/1 outcomes: within a prompt, wins * (1 - wins / n).
  const ssb = groups.reduce((a, g) => a + g.n * (g.wins / g.n - mean) ** 2, 0);
  const ssw = groups.reduce((a, g) => a + g.wins * (1 - g.wins / g.n), 0);
  const msb = ssb / (P - 1);
  const msw = ssw / (N - P);
  const k0 = (N - groups.reduce((a, g) => a + g.n * g.n, 0) / N) / (P - 1);
  const between = Math.max(0, (msb - msw) / k0);
  const within = msw;
  if (between + within === 0) return null;
  const icc = between / (between + within);
  const kBar = N / P;
  return {
    prompts: P,
    judgmentsPerPrompt: kBar,
    icc,
    designEffect: 1 + (kBar - 1) * icc,
    needed: PLAN_PER_PROMPT.map((k) => ({ perPrompt: k, prompts: need(between + within / k) })),
  };
}
