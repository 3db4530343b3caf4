export const pct = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined ? "–" : `${(100 * x).toFixed(digits)}%`;
export const num = (x: number | null | undefined, digits = 3) =>
  x === null || x === undefined ? "–" : x.toFixed(digits);
export const interval = ([lo, hi]: [number, number]) => `${pct(lo)} – ${pct(hi)}`;
export const th = "px-3 py-2 text-left font-medium";
export const td = "px-3 py-2 tabular-nums";
