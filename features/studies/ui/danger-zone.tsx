import { archiveStudyAction, deleteStudyAction } from "@/features/studies/actions";
import { ActionForm } from "@/platform/ui/action-form";

/** Archive (reversible) and delete (with its verdicts only when the slug is typed again). */
export function DangerZone({
  slug,
  archived,
  judgments,
}: {
  slug: string;
  archived: boolean;
  judgments: number;
}) {
  return (
    <section className="rounded-lg border border-red-200 bg-white p-4" data-testid="danger-zone">
      <h2 className="mb-2 font-semibold">Archive or delete</h2>
      <div className="flex flex-wrap items-start gap-6 text-sm">
        <ActionForm
          action={archiveStudyAction}
          submitLabel={archived ? "Restore study" : "Archive study"}
          confirm={
            archived ? undefined : "Archive this study? Annotators are served nothing more; data stay."
          }
          testId="archive-study"
        >
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="archived" value={archived ? "false" : "true"} />
        </ActionForm>
        <ActionForm
          action={deleteStudyAction}
          submitLabel="Delete study"
          confirm="Delete this study with all its prompts, responses and verdicts? This cannot be undone."
          className="flex flex-wrap items-center gap-2"
          testId="delete-study"
        >
          <input type="hidden" name="slug" value={slug} />
          {judgments > 0 ? (
            <label>
              It holds {judgments} verdicts: type <code>{slug}</code> to delete them too{" "}
              <input name="confirm" required className="rounded border border-slate-300 px-2 py-1" />
            </label>
          ) : null}
        </ActionForm>
      </div>
    </section>
  );
}
