import type { PromptCountRow } from "./queries";
import { winRates, type WinRates } from "./stats/win-rates";

export type BaselineResult = WinRates & { model: string };

/** Win rates per baseline (by name) from per-prompt counts, keeping the rows' prompt order for the bootstrap. */
export function byBaseline(rows: PromptCountRow[]): BaselineResult[] {
  const groups = new Map<string, PromptCountRow[]>();
  for (const r of rows) groups.set(r.baseline, [...(groups.get(r.baseline) ?? []), r]);
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([model, list]) => ({
      model,
      ...winRates(list.map((r) => ({ reference: r.reference, tie: r.tie, baseline: r.baseline_wins }))),
    }));
}
