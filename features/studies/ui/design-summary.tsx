import type { StudyProgress } from "@/features/studies/queries";

/** One line on what a study compares: a reference against baselines, every pair, or ratings on a scale. */
export function DesignSummary({
  s,
}: {
  s: Pick<StudyProgress, "design" | "reference" | "baselines" | "models" | "scale">;
}) {
  if (s.design === "rating")
    return (
      <span data-testid="study-design">
        rates {s.models} model{s.models === 1 ? "" : "s"} on {s.scale?.join(" < ")}
      </span>
    );
  if (s.design === "all_pairs") return <span data-testid="study-design">all pairs of {s.models} models</span>;
  return (
    <span data-testid="study-design">
      reference{" "}
      <span className="font-mono" data-testid="study-reference">
        {s.reference}
      </span>{" "}
      vs {s.baselines} baselines
    </span>
  );
}
