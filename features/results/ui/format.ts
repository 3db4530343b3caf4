import { MIN_PROMPTS_FOR_INTERVAL } from "../stats/win-rates";

export const pct = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined ? "–" : `${(100 * x).toFixed(digits)}%`;
export const num = (x: number | null | undefined, digits = 3) =>
  x === null || x === undefined ? "–" : x.toFixed(digits);
/** A 95% interval, or why there is none (too few prompts to estimate one). */
export const interval = (ci: [number, number] | null) =>
  ci ? `${pct(ci[0])} – ${pct(ci[1])}` : `under ${MIN_PROMPTS_FOR_INTERVAL} prompts: no interval`;
export const th = "px-3 py-2 text-left font-medium";
export const td = "px-3 py-2 tabular-nums";
