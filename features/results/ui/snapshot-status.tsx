import type { ResultsView } from "@/features/results/snapshot";
import { RefreshWhileComputing } from "./refresh-while-computing";

const when = (d: Date) => `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
const took = (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

/** When the numbers below were computed, and whether newer data are still being counted. */
export function SnapshotStatus({ view }: { view: ResultsView }) {
  if (view.status === "computing") {
    return (
      <p
        role="status"
        className="rounded-lg border border-slate-200 bg-white p-3 text-sm"
        data-testid="results-status"
      >
        Computing these results for the first time; this page updates when they are ready.
        <RefreshWhileComputing />
      </p>
    );
  }
  if (view.status === "updating") {
    return (
      <p
        role="status"
        className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm"
        data-testid="results-status"
      >
        These numbers were computed at {when(view.computedAt)} (in {took(view.durationMs)}); verdicts or items
        have changed since, and the current numbers are being computed. Reload in about{" "}
        {took(view.durationMs)} to see them.
      </p>
    );
  }
  return (
    <p className="text-xs text-slate-500" data-testid="results-status">
      Computed at {when(view.computedAt)} (in {took(view.durationMs)}) from the data as they are now.
    </p>
  );
}
