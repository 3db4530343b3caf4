import Link from "next/link";
import { resolveFlagAction } from "@/features/studies/actions";
import type { flagQueue } from "@/features/studies/items";
import { ActionForm } from "@/platform/ui/action-form";

type Flag = Awaited<ReturnType<typeof flagQueue>>[number];

/** Items annotators flagged: open ones first, each kept or held out of serving and results. */
export function FlagQueue({ slug, flags }: { slug: string; flags: Flag[] }) {
  if (flags.length === 0) return <p className="text-sm text-slate-600">No item has been flagged.</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="flag-queue">
      {flags.map((f) => (
        <li
          key={f.id}
          className="flex flex-wrap items-start justify-between gap-2 py-2"
          data-testid="flag-row"
        >
          <div>
            <Link href={`/studies/${slug}/items/${f.comparison_id}`} className="font-mono underline">
              {f.prompt_id}
            </Link>{" "}
            <span className="font-medium">{f.reason ?? "flagged"}</span>
            {f.note ? <span className="block break-words text-slate-700">“{f.note}”</span> : null}
            <span className="block text-xs text-slate-600">
              {f.pseudonym} · {f.served_at}
              {f.resolved ? ` · resolved${f.excluded ? ", item held out" : ", item kept"}` : ""}
            </span>
          </div>
          {f.resolved ? null : (
            <div className="flex gap-2">
              <ActionForm action={resolveFlagAction} submitLabel="Keep item">
                <input type="hidden" name="slug" value={slug} />
                <input type="hidden" name="assignmentId" value={f.id} />
              </ActionForm>
              <ActionForm
                action={resolveFlagAction}
                submitLabel="Exclude item"
                confirm="Hold this item out of serving and results? Its verdicts stay stored."
              >
                <input type="hidden" name="slug" value={slug} />
                <input type="hidden" name="assignmentId" value={f.id} />
                <input type="hidden" name="excludeItem" value="true" />
              </ActionForm>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
