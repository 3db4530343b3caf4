import Link from "next/link";
import type { StudyDetail } from "@/features/studies/queries";

/** The study's counts, and progress per baseline (per model in other designs) with links to its items. */
export function BaselineProgress({ study }: { study: StudyDetail }) {
  const cells: [string, number, string][] = [
    ["Prompts", study.prompts, "study-prompts"],
    [
      study.reference === null ? "Models" : "Baselines",
      study.reference === null ? study.models : study.baselines,
      "study-baselines",
    ],
    ["Comparisons", study.comparisons, "study-comparisons"],
    ["Human judgments", study.judgments, "study-judgments"],
  ];
  return (
    <>
      <dl className="grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-4">
        {cells.map(([label, value, testId]) => (
          <div key={testId}>
            <dt className="text-slate-600">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid={testId}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <div className="overflow-x-auto">
        <table
          className="w-full rounded-lg border border-slate-200 bg-white text-sm"
          data-testid="baseline-table"
        >
          <thead className="bg-slate-100 text-left">
            <tr>
              <th className="px-3 py-2">{study.reference === null ? "Model" : "Baseline"}</th>
              <th className="px-3 py-2 text-right">Comparisons</th>
              <th className="px-3 py-2 text-right">Judgments</th>
              <th className="px-3 py-2 text-right">With {study.overlapK} or more</th>
            </tr>
          </thead>
          <tbody>
            {study.perBaseline.map((b) => (
              <tr key={b.model} className="border-t border-slate-100" data-testid="baseline-row">
                <td className="px-3 py-2 font-mono">
                  <Link
                    className="underline"
                    href={`/studies/${study.slug}/items?model=${encodeURIComponent(b.model)}`}
                  >
                    {b.model}
                  </Link>
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{b.comparisons}</td>
                <td className="px-3 py-2 text-right tabular-nums">{b.judgments}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {b.complete} ({b.comparisons ? Math.round((100 * b.complete) / b.comparisons) : 0}%)
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
