import type { Side, Verdict } from "@/db/schema";
import type { Choice } from "./schemas";

/**
 * Maps the response that won (A = the left one) onto the reference-relative verdict, given where the reference
 * was shown: the one mapping for a click in the labelling page and for a `model_a`/`model_b` winner in an import.
 */
export function verdictFromChoice(choice: Choice, referenceSide: Side): Verdict {
  if (choice === "tie") return "tie";
  const choseLeft = choice === "A";
  return choseLeft === (referenceSide === "left") ? "reference" : "baseline";
}

export function quotaReached(judged: number, quota: number | null): boolean {
  return quota !== null && judged >= quota;
}

/** How many of an annotator's latest finished items (verdicts, skips, flags) may still be changed. */
export const REVISABLE = 10;

/**
 * Undo and history: a verdict may be changed while it is among the annotator's last REVISABLE finished items in
 * the study, i.e. until they finish REVISABLE more after it.
 */
export function canRevise(judgedSeq: number, finishedSeqs: number[]): boolean {
  return finishedSeqs.filter((s) => s > judgedSeq).length < REVISABLE;
}
