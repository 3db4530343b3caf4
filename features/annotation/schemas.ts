import { z } from "zod";
import { text } from "@/platform/validation";
import { flagReasonEnum } from "@/db/schema";

const choiceSchema = z.enum(["A", "tie", "B"]);
const flagReasonSchema = z.enum(flagReasonEnum.enumValues);
export type Choice = z.infer<typeof choiceSchema>;
export type FlagReason = z.infer<typeof flagReasonSchema>;

/** A verdict (`choice`) for a pairwise study, or `ratings` (label indexes, one per turn) for a rating study. */
export const submitVerdictSchema = z
  .object({
    token: z.uuid(),
    choice: choiceSchema.optional(),
    ratings: z.array(z.number().int().min(0).max(19)).min(1).max(100).optional(),
    rationale: text().max(5000, "at most 5,000 characters").optional(),
    durationMs: z
      .number()
      .int()
      .min(0)
      .max(24 * 3600 * 1000)
      .optional(),
    requestId: z.string().min(8).max(100),
  })
  .refine((v) => (v.choice === undefined) !== (v.ratings === undefined), {
    path: ["choice"],
    message: "send a choice or ratings, not both",
  });

export const passItemSchema = z.object({
  token: z.uuid(),
  flag: z.object({ reason: flagReasonSchema, note: text().max(1000).optional() }).optional(),
});

export const studyIdParam = z.coerce.number().int().positive();

/**
 * What the annotation page and API send to an annotator's browser. Nothing in it names a model or an id. A pairwise
 * item has `left` and `right`; a rating item has `response` (and `turns` when it is rated turn by turn, each
 * shown after its user message).
 */
export type ItemView = {
  token: string;
  prompt: { html: string } | { messages: { role: string; html: string }[] };
} & (
  { kind: "pair"; left: string; right: string } | { kind: "rating"; response: string; turns: string[] | null }
);

export type AnnotationState = {
  judged: number;
  quota: number | null;
  item: ItemView | null;
  done: null | {
    /** "stopped": the study's quality rules ended this annotator's work (the study says if a code is shown). */
    reason: "quota" | "exhausted" | "stopped";
    completion: { code: string; redirectUrl: string | null } | null;
  };
  /** Set when the quality rules warn this annotator: a polite nudge, shown above the item. */
  warning: string | null;
  /** The comprehension gate: the current item is practice (with feedback after the answer). */
  practice: { of: number } | null;
  busy: boolean;
  /** Every open item is on lease to someone else right now: come back in a few minutes (no completion code). */
  wait: boolean;
};

/** After a practice answer: whether it matched, the expected answer (as shown: A, tie, B or a scale index) and why. */
export type PracticeFeedback = { correct: boolean; expected: Choice | number; explanation: string | null };
