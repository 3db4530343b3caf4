import type { StudyProgress } from "@/features/studies/queries";

/**
 * One line on what a study compares: a reference against baselines, every pair, or ratings on a scale. `testIds`
 * marks the parts on the study's own page (a list of studies would repeat them).
 */
export function DesignSummary({
  s,
  testIds = false,
}: {
  s: Pick<StudyProgress, "design" | "reference" | "baselines" | "models" | "scale">;
  testIds?: boolean;
}) {
  const id = (name: string) => (testIds ? name : undefined);
  if (s.design === "rating")
    return (
      <span data-testid={id("study-design")}>
        rates {s.models} model{s.models === 1 ? "" : "s"} on {s.scale?.join(" < ")}
      </span>
    );
  if (s.design === "all_pairs")
    return <span data-testid={id("study-design")}>all pairs of {s.models} models</span>;
  return (
    <span data-testid={id("study-design")}>
      reference{" "}
      <span className="font-mono" data-testid={id("study-reference")}>
        {s.reference}
      </span>{" "}
      vs {s.baselines} baselines
    </span>
  );
}
