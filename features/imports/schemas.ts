import { z } from "zod";
import { slugSchema } from "@/features/studies";

const id = z.union([z.string().trim().min(1, "must not be empty"), z.number().int()]).transform(String);
const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v ? v : undefined));

const chatMessageSchema = z.object({
  role: z.string().trim().min(1, "must not be empty"),
  content: z.string(),
});

/** One prompt with the responses of several models (JSONL items format). */
export const itemRowSchema = z
  .object({
    prompt_id: id,
    prompt: z.string().trim().min(1, "must not be empty").optional(),
    messages: z.array(chatMessageSchema).min(1, "must hold at least one message").optional(),
    category: optionalText,
    source: optionalText,
    // An empty response is real data (a model can answer nothing) and is kept.
    responses: z
      .record(z.string().trim().min(1, "model name must not be empty"), z.string())
      .refine((r) => Object.keys(r).length > 0, "must hold at least one response"),
  })
  .superRefine((row, ctx) => {
    if ((row.prompt === undefined) === (row.messages === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["prompt"],
        message: 'give exactly one of "prompt" or "messages"',
      });
    }
  });

/** One prompt x model row (CSV items format). */
export const itemCsvRowSchema = z.object({
  prompt_id: id,
  prompt: z.string().trim().min(1, "must not be empty"),
  model: z.string().trim().min(1, "must not be empty"),
  response: z.string(),
  category: optionalText,
  source: optionalText,
});

const winnerSchema = z.enum(["model_a", "model_b", "tie"]);

/** One verdict between two models' responses to a prompt (JSONL and CSV judgments format). */
export const judgmentRowSchema = z
  .object({
    prompt_id: id,
    model_a: z.string().trim().min(1, "must not be empty"),
    model_b: z.string().trim().min(1, "must not be empty"),
    winner: winnerSchema,
    annotator: z.string().trim().min(1, "must not be empty").max(200, "longer than 200 characters"),
    kind: z.enum(["human", "judge"]),
    /** Which of the two was shown on the left (first); unknown when absent (humans) — see README. */
    shown_left: z.preprocess(
      (v) => (v === "" || v === null ? undefined : v),
      z.enum(["model_a", "model_b"]).optional(),
    ),
    rationale: optionalText,
    created_at: z
      .string()
      .nullish()
      .transform((v, ctx) => {
        if (!v) return undefined;
        const d = new Date(v);
        if (Number.isNaN(d.getTime())) {
          ctx.addIssue({ code: "custom", message: `not a date: "${v.slice(0, 40)}" (use ISO 8601)` });
          return z.NEVER;
        }
        return d;
      }),
  })
  .refine((r) => r.model_a !== r.model_b, { path: ["model_b"], message: "must differ from model_a" });
export type JudgmentRow = z.infer<typeof judgmentRowSchema>;

export const ITEM_CSV_COLUMNS = ["prompt_id", "prompt", "model", "response"] as const;
export const JUDGMENT_CSV_COLUMNS = [
  "prompt_id",
  "model_a",
  "model_b",
  "winner",
  "annotator",
  "kind",
] as const;

const commaList = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : v,
  z.array(z.string().min(1).max(200)).min(1, "name at least one model").optional(),
);

/** Study designs as the CLI and forms spell them, and as the database stores them. */
export const DESIGNS = { reference: "reference", "all-pairs": "all_pairs" } as const;

/** An items import: the one schema of `cli import items` and of an upload from the app. */
export const importItemsRequestSchema = z
  .object({
    study: slugSchema,
    design: z
      .enum(Object.keys(DESIGNS) as [keyof typeof DESIGNS, ...(keyof typeof DESIGNS)[]], {
        message: `one of ${Object.keys(DESIGNS).join(", ")}`,
      })
      .default("reference")
      .transform((d) => DESIGNS[d]),
    reference: z.string().trim().min(1, "required").max(200).optional(),
    baselines: commaList,
    title: z.string().trim().min(1, "must not be empty").max(200).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.design === "reference" && !r.reference)
      ctx.addIssue({ code: "custom", path: ["reference"], message: "required for the reference design" });
    if (r.design !== "reference" && r.reference)
      ctx.addIssue({ code: "custom", path: ["reference"], message: "only for the reference design" });
    if (r.design !== "reference" && r.baselines)
      ctx.addIssue({ code: "custom", path: ["baselines"], message: "only for the reference design" });
  });

export const importJudgmentsRequestSchema = z.object({ study: z.string().trim().min(1, "required") });
