import type { Side, Verdict } from "@/db/schema";
import type { Choice } from "./schemas";

/** The three buttons, left to right; A is the left response. */


/** Maps what the annotator clicked onto the reference-relative verdict, given where the reference was shown. */
export function verdictFromChoice(choice: Choice, referenceSide: Side): Verdict {
  if (choice === "tie") return "tie";
  const choseLeft = choice === "A";
  return choseLeft === (referenceSide === "left") ? "reference" : "baseline";
}

/** The inverse, for showing an annotator their own earlier verdict on undo. */
export function choiceFromVerdict(verdict: Verdict, referenceSide: Side): Choice {
  if (verdict === "tie") return "tie";
  const leftWon = (verdict === "reference") === (referenceSide === "left");
  return leftWon ? "A" : "B";
}

export type Candidate = { id: number; load: number };

/**
 * The assignment rule (db/queries/serving.ts implements it over the comparison_queue table): among comparisons
 * below k (load = live judgments + active leases), take one with the smallest load, ties at random (there: in
 * the order of a random key re-drawn whenever a comparison's load changes).
 */
export function pickCandidate(candidates: Candidate[], k: number, random: () => number = Math.random): number | null {
  const open = candidates.filter((c) => c.load < k);
  if (open.length === 0) return null;
  const min = Math.min(...open.map((c) => c.load));
  const best = open.filter((c) => c.load === min);
  return best[Math.floor(random() * best.length)].id;
}

/** A lease holds its slot while it is active and not yet expired. */
export function leaseHolds(lease: { status: string; expiresAt: Date }, now: Date): boolean {
  return lease.status === "active" && lease.expiresAt.getTime() > now.getTime();
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
