import { updateSettingsAction } from "@/features/studies/actions";
import { ActionForm } from "@/platform/ui/action-form";
import { GuidelinesEditor } from "./guidelines-editor";
import { QualitySettings } from "./quality-settings";
import type { StudyDetail } from "@/features/studies/queries";

const input = "mt-1 block w-full rounded border border-slate-300 px-2 py-1 text-sm";

export function StudySettingsForm({ study }: { study: StudyDetail }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-3 font-semibold">Annotation settings</h2>
      <ActionForm
        action={updateSettingsAction}
        submitLabel="Save settings"
        className="grid gap-3 sm:grid-cols-3"
        testId="study-settings"
      >
        <input type="hidden" name="slug" value={study.slug} />
        <label className="text-sm sm:col-span-3">
          Title (researchers only; it may name models)
          <input name="title" defaultValue={study.title} className={input} data-testid="settings-title" />
        </label>
        <label className="text-sm">
          Overlap k (annotators per comparison)
          <input
            name="overlapK"
            type="number"
            min={1}
            defaultValue={study.overlapK}
            className={input}
            data-testid="settings-overlap"
          />
        </label>
        <label className="text-sm">
          Quota per annotator (blank: none)
          <input
            name="quota"
            type="number"
            min={1}
            defaultValue={study.quota ?? ""}
            className={input}
            data-testid="settings-quota"
          />
        </label>
        <label className="text-sm">
          Lease (minutes)
          <input
            name="leaseMinutes"
            type="number"
            min={1}
            defaultValue={Math.round(study.leaseSeconds / 60)}
            className={input}
          />
        </label>
        <label className="flex items-start gap-2 text-sm sm:col-span-3">
          <input
            name="onePerPrompt"
            type="checkbox"
            defaultChecked={study.onePerPrompt}
            className="mt-1"
            data-testid="settings-one-per-prompt"
          />
          <span>
            At most one comparison of each prompt per annotator (recommended): a response seen in two items
            would give the reference away. It costs coverage: an annotator labels at most {study.prompts}{" "}
            items (one per prompt), so covering all {study.comparisons} comparisons {study.overlapK} time
            {study.overlapK === 1 ? "" : "s"} needs at least {Math.max(study.baselines, 1) * study.overlapK}{" "}
            annotators.
          </span>
        </label>
        <label className="text-sm sm:col-span-3">
          Title shown to annotators (never name models here)
          <input name="annotatorTitle" defaultValue={study.annotatorTitle} className={input} />
        </label>
        {study.scale ? (
          <p className="text-sm sm:col-span-3" data-testid="settings-scale">
            Rating scale (set at the first import): {study.scale.join(" < ")}
            {(["labelA", "labelTie", "labelB"] as const).map((name, i) => (
              <input key={name} type="hidden" name={name} value={study.verdictLabels[i]} />
            ))}
          </p>
        ) : (
          (["labelA", "labelTie", "labelB"] as const).map((name, i) => (
            <label key={name} className="text-sm">
              Button {i + 1}
              <input name={name} defaultValue={study.verdictLabels[i]} className={input} />
            </label>
          ))
        )}
        <GuidelinesEditor initial={study.guidelines} />
        <QualitySettings study={study} />
      </ActionForm>
    </section>
  );
}
