import { z } from "zod";
import { text } from "@/platform/validation";
import { flagReasonEnum } from "@/db/schema";

const choiceSchema = z.enum(["A", "tie", "B"]);
const flagReasonSchema = z.enum(flagReasonEnum.enumValues);
export type Choice = z.infer<typeof choiceSchema>;
export type FlagReason = z.infer<typeof flagReasonSchema>;

export const submitVerdictSchema = z.object({
  token: z.uuid(),
  choice: choiceSchema,
  rationale: text().max(5000, "at most 5,000 characters").optional(),
  durationMs: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600 * 1000)
    .optional(),
  requestId: z.string().min(8).max(100),
});

export const passItemSchema = z.object({
  token: z.uuid(),
  flag: z.object({ reason: flagReasonSchema, note: text().max(1000).optional() }).optional(),
});

export const studyIdParam = z.coerce.number().int().positive();

/** What the annotation page and API send to an annotator's browser. Nothing in it names a model or an id. */
export type ItemView = {
  token: string;
  prompt: { html: string } | { messages: { role: string; html: string }[] };
  left: string;
  right: string;
};

export type AnnotationState = {
  judged: number;
  quota: number | null;
  item: ItemView | null;
  done: null | {
    reason: "quota" | "exhausted";
    completion: { code: string; redirectUrl: string | null } | null;
  };
  busy: boolean;
  /** Every open item is on lease to someone else right now: come back in a few minutes (no completion code). */
  wait: boolean;
};
