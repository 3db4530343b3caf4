import Link from "next/link";
import { excludeAnnotatorAction } from "@/features/studies/actions";
import type { AnnotatorProgress } from "@/features/studies/annotators";
import { ActionForm } from "@/platform/ui/action-form";

const seconds = (ms: number | null) => (ms === null ? "–" : `${(ms / 1000).toFixed(1)} s`);

/**
 * Progress per annotator, with the switch that leaves one out of the results (recorded with a reason; reversible).
 * Researchers see pseudonyms only; admins also see the email or worker id behind each.
 */
export function AnnotatorsTable({
  slug,
  rows,
  showIdentity,
}: {
  slug: string;
  rows: AnnotatorProgress[];
  showIdentity: boolean;
}) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">Nobody is enrolled yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="annotator-progress">
        <thead className="bg-slate-100 text-left">
          <tr>
            <th className="px-3 py-2">Annotator</th>
            <th className="px-3 py-2 text-right">Done</th>
            <th className="px-3 py-2 text-right">Skipped</th>
            <th className="px-3 py-2 text-right">Flagged</th>
            <th className="px-3 py-2 text-right">Median time</th>
            <th className="px-3 py-2">Last active</th>
            <th className="px-3 py-2">Quality</th>
            <th className="px-3 py-2">In results</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.userId} className="border-t border-slate-100 align-top" data-testid="annotator-row">
              <td className="px-3 py-2">
                <span className="font-mono">{r.pseudonym}</span>
                {showIdentity && r.identity ? (
                  <span className="block break-all text-xs text-slate-600">{r.identity}</span>
                ) : null}
                <span className="block text-xs text-slate-600">
                  {[r.group, r.enrolled ? null : "imported"].filter(Boolean).join(" · ")}
                </span>
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{r.done}</td>
              <td className="px-3 py-2 text-right tabular-nums">{r.skipped}</td>
              <td className="px-3 py-2 text-right tabular-nums">{r.flagged}</td>
              <td className="px-3 py-2 text-right tabular-nums">{seconds(r.medianMs)}</td>
              <td className="px-3 py-2 whitespace-nowrap">{r.lastActive ?? "–"}</td>
              <td className="px-3 py-2" data-testid="annotator-quality">
                {r.quality.status}
                {r.quality.reason ? (
                  <span className="block text-xs text-slate-600">{r.quality.reason}</span>
                ) : null}
              </td>
              <td className="px-3 py-2">
                {r.excluded ? (
                  <ActionForm
                    action={excludeAnnotatorAction}
                    submitLabel="Include again"
                    confirm={`Put ${r.pseudonym}'s verdicts back into the results?`}
                    testId={`include-${r.pseudonym}`}
                  >
                    <span className="mb-1 block text-xs text-red-700">Excluded: {r.excluded.reason}</span>
                    <input type="hidden" name="slug" value={slug} />
                    <input type="hidden" name="userId" value={r.userId} />
                    <input type="hidden" name="exclude" value="false" />
                  </ActionForm>
                ) : (
                  <ActionForm
                    action={excludeAnnotatorAction}
                    submitLabel="Exclude"
                    className="flex flex-wrap items-center gap-1"
                    confirm={`Leave ${r.pseudonym}'s verdicts out of the results? Their verdicts stay stored.`}
                    testId={`exclude-${r.pseudonym}`}
                  >
                    <input type="hidden" name="slug" value={slug} />
                    <input type="hidden" name="userId" value={r.userId} />
                    <input type="hidden" name="exclude" value="true" />
                    <input
                      name="reason"
                      required
                      aria-label={`reason to exclude ${r.pseudonym}`}
                      placeholder="reason"
                      className="w-28 rounded border border-slate-300 px-2 py-1 text-sm"
                    />
                  </ActionForm>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-600">
        Verdicts of an excluded annotator stay stored and exported (column <code>excluded</code>); the{" "}
        <Link className="underline" href={`/studies/${slug}/results`}>
          results
        </Link>{" "}
        leave them out and say so.
      </p>
    </div>
  );
}
