import type { BaselineResult, StudyResults } from "@/features/results/compute";
import { FigureOne } from "./figure-one";
import { interval, pct, td, th } from "./format";

/**
 * One panel (the humans, or one LLM judge on its own): Figure 1 and the table of counts, rates and 95% intervals
 * beneath it. A judge's panel counts one verdict per comparison (its two orders: agree -> that verdict, else tie).
 */
export function BaselinePanel({
  results,
  kind,
  judge,
}: {
  results: StudyResults;
  kind: "human" | "judge";
  judge?: string;
}) {
  const baselines: BaselineResult[] =
    kind === "judge" && judge
      ? (results.judges.find((j) => j.judge === judge)?.baselines ?? [])
      : results[kind].baselines;
  const label = kind === "human" ? "Human verdicts" : judge ? `LLM judge ${judge}` : "LLM-judge verdicts";
  const id = judge ? `${kind}-${judge}` : kind;
  if (baselines.length === 0) {
    return (
      <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`panel-${id}`}>
        <h2 className="font-semibold">{label}</h2>
        <p className="mt-2 text-sm text-slate-600">
          No {kind === "human" ? "human" : "judge"} verdicts match these filters yet.
        </p>
      </section>
    );
  }
  const rows = baselines.map((b) => {
    const pub = results.published.find((p) => p.baseline === b.model && p.kind === kind);
    return {
      baseline: b.model,
      n: b.n,
      reference: b.rates.reference,
      tie: b.rates.tie,
      loss: b.rates.baseline,
      published: pub
        ? { reference: pub.referenceWins, tie: pub.ties, loss: pub.baselineWins, source: pub.source }
        : undefined,
    };
  });
  return (
    <section
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      data-testid={`panel-${id}`}
    >
      <h2 className="font-semibold">
        {label}: <span className="font-mono">{results.reference}</span> vs each baseline
      </h2>
      <FigureOne rows={rows} reference={results.reference} testId={`figure-${id}`} />
      <table className="w-full text-sm" data-testid={`table-${id}`}>
        <thead className="bg-slate-100">
          <tr>
            <th className={th}>Baseline</th>
            <th className={th}>n</th>
            <th className={th}>Wins (95% CI)</th>
            <th className={th}>Ties (95% CI)</th>
            <th className={th}>Losses (95% CI)</th>
            <th className={th}>Equal or better</th>
          </tr>
        </thead>
        <tbody>
          {baselines.map((b) => (
            <tr key={b.model} className="border-t border-slate-100" data-testid="result-row">
              <td className="px-3 py-2 font-mono">{b.model}</td>
              <td className={td}>{b.n}</td>
              <td className={td}>
                {b.counts.reference} · {pct(b.rates.reference)}{" "}
                <span className="text-slate-500">({interval(b.ci95.reference)})</span>
              </td>
              <td className={td}>
                {b.counts.tie} · {pct(b.rates.tie)}{" "}
                <span className="text-slate-500">({interval(b.ci95.tie)})</span>
              </td>
              <td className={td}>
                {b.counts.baseline} · {pct(b.rates.baseline)}{" "}
                <span className="text-slate-500">({interval(b.ci95.baseline)})</span>
              </td>
              <td className={td}>
                {pct(b.equalOrBetter)}{" "}
                <span className="text-slate-500">({interval(b.ci95.equalOrBetter)})</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {results.published.some((p) => p.kind === kind) ? (
        <p className="text-xs text-slate-500">
          Thin bars: published numbers (
          {[...new Set(results.published.filter((p) => p.kind === kind).map((p) => p.source))].join("; ")}).
        </p>
      ) : null}
      <p className="text-xs text-slate-500">
        Intervals: percentile bootstrap over prompts, 1,000 resamples, fixed seed.
      </p>
    </section>
  );
}
