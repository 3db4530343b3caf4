import { itemExclusionAction } from "@/features/studies/actions";
import type { itemDetail } from "@/features/studies/items";
import { ActionForm } from "@/platform/ui/action-form";

type Item = NonNullable<Awaited<ReturnType<typeof itemDetail>>>;

const verdictText = (v: Item["verdicts"][number], item: Item, scale: string[] | null) => {
  if (v.ratings) return v.ratings.map((r) => (r === null ? "–" : (scale?.[r] ?? String(r)))).join(", ");
  if (v.verdict === "tie") return "neither";
  return v.verdict === "reference" ? item.first_model : item.second_model;
};

/**
 * One item as the researcher sees it: the prompt, each response with its model, every verdict with the side the
 * first model was shown on, rationale and time. Texts render as plain text (React escapes them).
 */
export function ItemView({ slug, item, scale }: { slug: string; item: Item; scale: string[] | null }) {
  const prompt = item.prompt ?? item.messages?.map((m) => `${m.role}: ${m.content}`).join("\n\n") ?? "";
  return (
    <div className="space-y-4">
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">Prompt</h2>
        <p className="whitespace-pre-wrap break-words text-sm" data-testid="item-prompt">
          {prompt}
        </p>
      </section>
      <div className={`grid gap-4 ${item.same ? "" : "md:grid-cols-2"}`}>
        {(item.same
          ? [[item.first_model, item.first_text]]
          : [
              [item.first_model, item.first_text],
              [item.second_model, item.second_text],
            ]
        ).map(([model, text]) => (
          <section key={model} className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="mb-2 font-mono font-semibold">{model}</h2>
            <p className="whitespace-pre-wrap break-words text-sm">{text}</p>
          </section>
        ))}
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">Verdicts</h2>
        {item.verdicts.length === 0 ? (
          <p className="text-sm text-slate-600">None yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="item-verdicts">
              <thead className="bg-slate-100 text-left">
                <tr>
                  <th className="px-3 py-2">Rater</th>
                  <th className="px-3 py-2">Verdict</th>
                  <th className="px-3 py-2">{item.first_model} shown</th>
                  <th className="px-3 py-2">Rationale</th>
                  <th className="px-3 py-2">Time</th>
                </tr>
              </thead>
              <tbody>
                {item.verdicts.map((v) => (
                  <tr key={v.id} className="border-t border-slate-100 align-top">
                    <td className="px-3 py-2 font-mono">
                      {v.rater}
                      <span className="block text-xs text-slate-600">
                        {v.kind}
                        {v.excluded ? " · excluded" : ""}
                      </span>
                    </td>
                    <td className="px-3 py-2">{verdictText(v, item, scale)}</td>
                    <td className="px-3 py-2">{v.side ?? "unknown"}</td>
                    <td className="px-3 py-2 whitespace-pre-wrap break-words">{v.rationale ?? ""}</td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      {v.at}
                      {v.duration_ms !== null ? ` · ${(v.duration_ms / 1000).toFixed(1)} s` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {item.flags.length ? (
        <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h2 className="mb-2 font-semibold">Flags and skips</h2>
          <ul>
            {item.flags.map((f) => (
              <li key={f.id}>
                {f.pseudonym}: {f.status}
                {f.reason ? ` (${f.reason})` : ""}
                {f.note ? ` “${f.note}”` : ""}
                {f.resolved ? " · resolved" : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ActionForm
        action={itemExclusionAction}
        submitLabel={item.excluded ? "Bring the item back" : "Hold the item out"}
        confirm={
          item.excluded ? undefined : "Hold this item out of serving and results? Its verdicts stay stored."
        }
        testId="item-exclusion"
      >
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="comparisonId" value={item.id} />
        <input type="hidden" name="excluded" value={item.excluded ? "false" : "true"} />
        {item.excluded ? (
          <p className="mb-1 text-sm text-red-700">This item is held out of serving and results.</p>
        ) : null}
      </ActionForm>
    </div>
  );
}
