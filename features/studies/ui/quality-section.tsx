import { excludeStoppedAction } from "@/features/studies/actions";
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
}: {
  study: StudyDetail;
  stopped: number;
  leaks: Leak[];
}) {
  return (
    <section
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="quality-section"
    >
      <h2 className="font-semibold">Crowd quality</h2>
      <p className="text-sm">
        Checks: {Math.round(100 * study.checkRate)}% of items ({study.checks} checks in the study); swapped
        repeats: {Math.round(100 * study.repeatRate)}%; practice items: {study.practiceItems}. Settings are
        below; gold items come from <code>npm run cli -- import gold FILE --study {study.slug}</code>,
        attention checks from <code>npm run cli -- studies attention --study {study.slug} --count N</code>.
      </p>
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
