import type { StudyDetail } from "@/features/studies/queries";

const input = "mt-1 block w-full rounded border border-slate-300 px-2 py-1 text-sm";

/** The quality-control part of the settings form (all off by default): the fields `studies set` also takes. */
export function QualitySettings({ study }: { study: StudyDetail }) {
  const num = (name: string, label: string, value: number, step: string, max: number) => (
    <label className="text-sm">
      {label}
      <input name={name} type="number" min={0} max={max} step={step} defaultValue={value} className={input} />
    </label>
  );
  return (
    <fieldset className="grid gap-3 sm:col-span-3 sm:grid-cols-3" data-testid="quality-settings">
      <legend className="mb-1 font-medium">Quality control</legend>
      {num("checkRate", "Share of items that are checks (gold, attention)", study.checkRate, "0.01", 0.5)}
      {num("repeatRate", "Share of items repeated, sides swapped", study.repeatRate, "0.01", 0.5)}
      {num("practiceItems", "Practice items before real ones", study.practiceItems, "1", 50)}
      {num("qcMinChecks", "Checks before the rules judge", study.qcMinChecks, "1", 1000)}
      {num("qcMinAccuracy", "Share of checks right to keep going", study.qcMinAccuracy, "0.05", 1)}
      {num("qcMinSeconds", "Too fast below (seconds; 0: off)", study.qcMinSeconds, "1", 3600)}
      {num("qcMaxFastShare", "Share of too-fast verdicts allowed", study.qcMaxFastShare, "0.05", 1)}
      <label className="text-sm">
        Responses naming a model
        <select name="leakPolicy" defaultValue={study.leakPolicy} className={input}>
          <option value="serve">serve as they are</option>
          <option value="mask">mask the words</option>
          <option value="hold_out">hold the comparison out</option>
        </select>
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="stoppedGetsCode" defaultChecked={study.stoppedGetsCode} />A stopped crowd
        worker still sees the completion code
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="rationaleRequired" defaultChecked={study.rationaleRequired} />
        Every verdict needs a rationale
      </label>
    </fieldset>
  );
}
