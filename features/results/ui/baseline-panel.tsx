import Link from "next/link";
import type { StudyResults } from "@/features/results/compute";
import type { KindResult } from "@/features/results/baselines";
import { FigureOne } from "./figure-one";
import { interval, muted, pct, td, th, twoWay } from "./format";
import { MarginsTable } from "./margins-table";

/**
 * One panel (the humans, or one LLM judge on its own): Figure 1, the table of counts and rates with both kinds of
 * interval, and margins, length control and length bias. A judge's panel counts one verdict per comparison (its two
 * orders: agree -> that verdict, else tie).
 */
export function BaselinePanel({
  results,
  kind,
  judge,
  slug,
}: {
  results: StudyResults;
  kind: "human" | "judge";
  judge?: string;
  slug: string;
}) {
  const data: KindResult =
    kind === "judge" && judge
      ? (results.judges.find((j) => j.judge === judge) ?? results.judge)
      : results[kind];
  const baselines = data.baselines;
  const label = kind === "human" ? "Human verdicts" : judge ? `LLM judge ${judge}` : "LLM-judge verdicts";
  const id = judge ? `${kind}-${judge}` : kind;
  const raterWord = kind === "human" ? "annotators" : "judges";
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
      ci: { reference: b.ci95.reference, equalOrBetter: b.ci95.equalOrBetter },
      published: pub
        ? { reference: pub.referenceWins, tie: pub.ties, loss: pub.baselineWins, source: pub.source }
        : undefined,
    };
  });
  const oneRater = baselines.every((b) => b.raters < 2);
  const intervals = (ci: [number, number] | null, ci2: [number, number] | null, raters: number) => (
    <>
      <span className={`block whitespace-nowrap text-xs ${muted}`}>prompts: {interval(ci)}</span>
      {oneRater ? null : (
        <span className={`block whitespace-nowrap text-xs ${muted}`}>two-way: {twoWay(ci2, raters)}</span>
      )}
    </>
  );
  // Every count opens the items behind it (the human verdict filter applies to human counts only).
  const itemsHref = (model: string, verdict?: string) =>
    `/studies/${encodeURIComponent(slug)}/items?model=${encodeURIComponent(model)}${kind === "human" && verdict ? `&verdict=${verdict}` : ""}`;
  const cell = (
    href: string,
    count: number,
    rate: number,
    ci: [number, number] | null,
    ci2: [number, number] | null,
    raters: number,
  ) => (
    <td className={td}>
      <Link href={href} className="underline decoration-dotted">
        {count}
      </Link>{" "}
      · {pct(rate)}
      {intervals(ci, ci2, raters)}
    </td>
  );
  return (
    <section
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      data-testid={`panel-${id}`}
    >
      <h2 className="font-semibold">
        {label}: <span className="font-mono">{results.reference}</span> vs each baseline
      </h2>
      <FigureOne rows={rows} reference={results.reference} testId={`figure-${id}`} />
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid={`table-${id}`}>
          <thead className="bg-slate-100">
            <tr>
              <th className={th}>Baseline</th>
              <th className={th}>n (prompts, {raterWord})</th>
              <th className={th}>Wins</th>
              <th className={th}>Ties</th>
              <th className={th}>Losses</th>
              <th className={th}>Equal or better</th>
            </tr>
          </thead>
          <tbody>
            {baselines.map((b) => (
              <tr key={b.model} className="border-t border-slate-100 align-top" data-testid="result-row">
                <td className="px-3 py-2 font-mono">
                  <Link href={itemsHref(b.model)} className="underline decoration-dotted">
                    {b.model}
                  </Link>
                </td>
                <td className={td}>
                  {b.n} ({b.prompts}, {b.raters})
                </td>
                {cell(
                  itemsHref(b.model, "reference"),
                  b.counts.reference,
                  b.rates.reference,
                  b.ci95.reference,
                  b.ci95TwoWay.reference,
                  b.raters,
                )}
                {cell(
                  itemsHref(b.model, "tie"),
                  b.counts.tie,
                  b.rates.tie,
                  b.ci95.tie,
                  b.ci95TwoWay.tie,
                  b.raters,
                )}
                {cell(
                  itemsHref(b.model, "baseline"),
                  b.counts.baseline,
                  b.rates.baseline,
                  b.ci95.baseline,
                  b.ci95TwoWay.baseline,
                  b.raters,
                )}
                <td className={td}>
                  {pct(b.equalOrBetter)}
                  {intervals(b.ci95.equalOrBetter, b.ci95TwoWay.equalOrBetter, b.raters)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {results.published.some((p) => p.kind === kind) ? (
        <p className="text-xs text-slate-500">
          Thin bars: published numbers (
          {[...new Set(results.published.filter((p) => p.kind === kind).map((p) => p.source))].join("; ")}).
        </p>
      ) : null}
      <p className="text-xs text-slate-500">
        The chart shows the rates themselves. 95% intervals, percentile bootstrap, 1,000 resamples, fixed
        seed: &ldquo;prompts&rdquo; resamples prompts only, as LIMA did (it takes these {raterWord} as the
        only ones); &ldquo;two-way&rdquo; resamples prompts and {raterWord} together (Owen&apos;s pigeonhole
        bootstrap), the interval to quote when other {raterWord} could have been asked.
        {oneRater ? " One rater here: no two-way interval." : null}
      </p>
      <MarginsTable data={data} testId={`margins-${id}`} />
    </section>
  );
}
