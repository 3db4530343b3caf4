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

/**
 * Undo: a verdict may be changed while it is the annotator's last finished item in the study, i.e. until they
 * submit or skip the item after it.
 */
export function canRevise(judgedSeq: number, finishedSeqs: number[]): boolean {
  return finishedSeqs.every((s) => s <= judgedSeq);
}
