import { excludeStoppedAction, generateAttentionAction } from "@/features/studies/actions";
import type { leakingResponses } from "@/features/studies/items";
import type { StudyDetail } from "@/features/studies/queries";
import { ActionForm } from "@/platform/ui/action-form";

type Leak = Awaited<ReturnType<typeof leakingResponses>>[number];
const POLICY = { serve: "served as they are", mask: "served with the words masked", hold_out: "held out" };

/** The crowd-quality overview: who the rules stopped (excluded in one action), and responses that name a model. */
export function QualitySection({
  study,
  stopped,
  leaks,
  goldUpload,
}: {
  study: StudyDetail;
  stopped: number;
  leaks: Leak[];
  /** The gold-items upload form (the imports feature's), placed by the page. */
  goldUpload: React.ReactNode;
}) {
  return (
    <section
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="quality-section"
    >
      <h2 className="font-semibold">Crowd quality</h2>
      <p className="text-sm">
        Checks: {Math.round(100 * study.checkRate)}% of items ({study.checks} checks in the study); swapped
        repeats: {Math.round(100 * study.repeatRate)}%; practice items: {study.practiceItems}. The settings
        are below (also <code>studies set</code> in the CLI).
      </p>
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <h3 className="mb-1 text-sm font-medium">
            Gold items (or <code>import gold</code>)
          </h3>
          {goldUpload}
        </div>
        {study.design === "rating" ? null : (
          <ActionForm
            action={generateAttentionAction}
            submitLabel="Generate attention checks"
            className="flex flex-wrap items-end gap-2"
            testId="attention"
          >
            <h3 className="w-full text-sm font-medium">
              Attention checks (or <code>studies attention</code>)
            </h3>
            <input type="hidden" name="study" value={study.slug} />
            <label className="text-sm">
              How many in all
              <input
                name="count"
                type="number"
                min={1}
                max={1000}
                defaultValue={20}
                className="ml-1 w-20 rounded border border-slate-300 px-2 py-1"
              />
            </label>
          </ActionForm>
        )}
      </div>
      {stopped > 0 ? (
        <ActionForm
          action={excludeStoppedAction}
          submitLabel={`Exclude the ${stopped} stopped annotator${stopped === 1 ? "" : "s"} from the results`}
          confirm="Leave the verdicts of every annotator the rules stopped out of the results? Reversible per annotator."
          testId="exclude-stopped"
        >
          <input type="hidden" name="slug" value={study.slug} />
        </ActionForm>
      ) : null}
      <div>
        <h3 className="text-sm font-medium">
          Responses that name a model or its maker: {leaks.length}
          {leaks.length ? ` (${POLICY[study.leakPolicy]})` : ""}
        </h3>
        {leaks.length ? (
          <ul className="mt-1 max-h-64 overflow-y-auto text-sm" data-testid="leak-list">
            {leaks.map((l) => (
              <li key={`${l.prompt_id}-${l.model}`}>
                <span className="font-mono">{l.prompt_id}</span> ·{" "}
                <span className="font-mono">{l.model}</span>: {l.words.map((w) => `“${w}”`).join(", ")}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
