import { MIN_PROMPTS_FOR_INTERVAL } from "../stats/win-rates";

export const pct = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined ? "–" : `${(100 * x).toFixed(digits)}%`;
export const num = (x: number | null | undefined, digits = 3) =>
  x === null || x === undefined ? "–" : x.toFixed(digits);
/** A signed difference of shares, in percentage points. */
export const points = (x: number | null | undefined) =>
  x === null || x === undefined
    ? "–"
    : `${x > 0 ? "+" : x < 0 ? "−" : "±"}${Math.abs(100 * x).toFixed(1)} pts`;
/** A 95% interval, or why there is none (too few prompts to estimate one). */
export const interval = (ci: [number, number] | null) =>
  ci ? `${pct(ci[0])} – ${pct(ci[1])}` : `under ${MIN_PROMPTS_FOR_INTERVAL} prompts: no interval`;
export const pointsInterval = (ci: [number, number] | null) =>
  ci ? `${points(ci[0])} to ${points(ci[1])}` : `under ${MIN_PROMPTS_FOR_INTERVAL} prompts: no interval`;
/** A two-way interval, or why there is none: one rater cannot be resampled, too few prompts cannot either. */
export const twoWay = (ci: [number, number] | null, raters: number) =>
  ci ? `${pct(ci[0])} – ${pct(ci[1])}` : raters < 2 ? "one rater: no two-way interval" : interval(null);
/** An interval of a statistic that is not a share (kappa, alpha). */
export const numInterval = (ci: [number, number] | null | undefined, digits = 3) =>
  ci ? `${num(ci[0], digits)} – ${num(ci[1], digits)}` : "no interval";
export const pctInterval = (ci: [number, number] | null | undefined) =>
  ci ? `${pct(ci[0])} – ${pct(ci[1])}` : "no interval";
export const th = "px-3 py-2 text-left font-medium";
export const td = "px-3 py-2 tabular-nums";
export const muted = "text-slate-500";

/** The item browser filtered to one model's items: where a number on the results page comes from. */
export const itemsOf = (slug: string, model: string) =>
  `/studies/${encodeURIComponent(slug)}/items?model=${encodeURIComponent(model)}`;
