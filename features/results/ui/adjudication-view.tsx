import type { Disagreement } from "@/features/results/adjudication";

const box = "space-y-2 rounded-lg border border-slate-200 bg-white p-4";
const pre = "whitespace-pre-wrap break-words rounded bg-slate-50 p-2 text-sm";

/** The disagreements, each with the prompt, both responses and their models, and every verdict with its rationale. */
export function AdjudicationView({
  found,
  filters,
}: {
  found: { total: number; rows: Disagreement[] };
  filters: { judge?: string; baseline?: string };
}) {
  return (
    <div className="space-y-4" data-testid="adjudication">
      <form className="flex flex-wrap items-end gap-3 text-sm">
        <label>
          Judge{" "}
          <input
            name="judge"
            defaultValue={filters.judge ?? ""}
            className="ml-1 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label>
          Baseline{" "}
          <input
            name="baseline"
            defaultValue={filters.baseline ?? ""}
            className="ml-1 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <button className="rounded bg-slate-900 px-3 py-1 text-white">Filter</button>
      </form>
      <p className="text-sm" data-testid="adjudication-count">
        {found.total} comparison{found.total === 1 ? "" : "s"}
        {found.total > found.rows.length ? ` (the first ${found.rows.length} shown)` : ""}. The judge&apos;s
        verdict counts its two orders once (they agree: that verdict; they disagree: a tie); the human
        majority is the unique most frequent verdict.
      </p>
      {found.rows.map((d) => (
        <article key={`${d.comparisonId}-${d.judge}`} className={box} data-testid="disagreement">
          <h2 className="font-mono text-sm">
            {d.prompt}: judge {d.judge} says <strong>{d.judgeVerdict}</strong>, humans{" "}
            <strong>{d.humanMajority}</strong>
          </h2>
          <pre className={pre}>{d.promptText}</pre>
          <div className="grid gap-2 lg:grid-cols-2">
            <div className="min-w-0">
              <div className="text-xs font-semibold text-slate-500">reference: {d.first.model}</div>
              <pre className={pre}>{d.first.text}</pre>
            </div>
            <div className="min-w-0">
              <div className="text-xs font-semibold text-slate-500">baseline: {d.second.model}</div>
              <pre className={pre}>{d.second.text}</pre>
            </div>
          </div>
          <ul className="text-sm">
            {d.verdicts.map((v, i) => (
              <li key={i}>
                <span className="font-mono">{v.who}</span> ({v.kind}
                {v.side ? `, reference shown ${v.side}` : ""}): <strong>{v.verdict}</strong>
                {v.rationale ? <span className="text-slate-600"> — {v.rationale}</span> : null}
              </li>
            ))}
          </ul>
        </article>
      ))}
    </div>
  );
}
