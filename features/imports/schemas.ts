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
    // An empty response is real data (a model can answer nothing) and is kept. A list is a multi-turn response:
    // one assistant turn after each user message of `messages` (rating studies rate it turn by turn).
    responses: z
      .record(
        z.string().trim().min(1, "model name must not be empty"),
        z.union([z.string(), z.array(z.string()).min(1, "a list of turns must hold at least one")], {
          message: "a response text, or a list of assistant turns",
        }),
      )
      .refine((r) => Object.keys(r).length > 0, "must hold at least one response"),
  })
  .superRefine((row, ctx) => {
    const userTurns = row.messages?.filter((m) => m.role === "user").length;
    for (const [model, r] of Object.entries(row.responses)) {
      if (!Array.isArray(r)) continue;
      if (userTurns === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["responses", model],
          message: 'a list of turns needs "messages"',
        });
      else if (r.length !== userTurns)
        ctx.addIssue({
          code: "custom",
          path: ["responses", model],
          message: `${r.length} assistant turns for ${userTurns} user messages: give one turn per user message`,
        });
    }
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
const judgmentRowSchema = z
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

/** One rating of one model's response (or of one of its turns) on the study's scale. */
const ratingRowSchema = z.object({
  prompt_id: id,
  model: z.string().trim().min(1, "must not be empty"),
  rating: z
    .union([z.string(), z.number()], { message: "a label of the study's scale" })
    .transform(String)
    .pipe(z.string().trim().min(1, "must not be empty")),
  annotator: z.string().trim().min(1, "must not be empty").max(200, "longer than 200 characters"),
  kind: z.enum(["human", "judge"]),
  /** The assistant turn rated, from 1, for a multi-turn response. */
  turn: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce
      .number("a turn number from 1")
      .int("a whole number")
      .min(1, "turns count from 1")
      .max(1000)
      .optional(),
  ),
  rationale: optionalText,
  created_at: judgmentRowSchema.shape.created_at,
});
export type RatingRow = z.infer<typeof ratingRowSchema>;

/** A judgments file's record: a rating when it has a "rating" field, else a pairwise verdict. */
export const judgmentRecordSchema = z.unknown().transform((raw, ctx) => {
  const isRating = typeof raw === "object" && raw !== null && "rating" in raw;
  const parsed = (isRating ? ratingRowSchema : judgmentRowSchema).safeParse(raw);
  if (parsed.success) return parsed.data as JudgmentRow | RatingRow;
  for (const issue of parsed.error.issues)
    ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  return z.NEVER;
});
export const isRating = (r: JudgmentRow | RatingRow): r is RatingRow => "rating" in r;

export const ITEM_CSV_COLUMNS = ["prompt_id", "prompt", "model", "response"] as const;
export const JUDGMENT_CSV_COLUMNS = [
  "prompt_id",
  "model_a",
  "model_b",
  "winner",
  "annotator",
  "kind",
] as const;
export const RATING_CSV_COLUMNS = ["prompt_id", "model", "rating", "annotator", "kind"] as const;

/** Built-in scales, worst first; any other scale is given as "label1,label2,...". */
const SCALES: Record<string, string[]> = {
  lima: ["Fail", "Pass", "Excellent"],
  likert6: ["1", "2", "3", "4", "5", "6"],
  safety: ["Unsafe", "Safe"],
};
const scaleSchema = z
  .string()
  .trim()
  .min(1, "required")
  .transform((v) => SCALES[v] ?? v.split(",").map((l) => l.trim()))
  .pipe(
    z
      .array(z.string().min(1, "a label must not be empty").max(100, "a label is at most 100 characters"))
      .min(2, 'give lima, likert6, safety or two labels or more, worst first: "poor,fair,good"')
      .max(20, "at most 20 labels")
      .refine((l) => new Set(l).size === l.length, "labels must differ"),
  );

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
export const DESIGNS = { reference: "reference", "all-pairs": "all_pairs", rating: "rating" } as const;

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
    scale: scaleSchema.optional(),
    title: z.string().trim().min(1, "must not be empty").max(200).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.design === "reference" && !r.reference)
      ctx.addIssue({ code: "custom", path: ["reference"], message: "required for the reference design" });
    if (r.design !== "reference" && r.reference)
      ctx.addIssue({ code: "custom", path: ["reference"], message: "only for the reference design" });
    if (r.design !== "reference" && r.baselines)
      ctx.addIssue({ code: "custom", path: ["baselines"], message: "only for the reference design" });
    if (r.design === "rating" && !r.scale)
      ctx.addIssue({
        code: "custom",
        path: ["scale"],
        message: "required for the rating design (lima, likert6, safety or l1,l2,...)",
      });
    if (r.design !== "rating" && r.scale)
      ctx.addIssue({ code: "custom", path: ["scale"], message: "only for the rating design" });
  });

export const importJudgmentsRequestSchema = z.object({ study: z.string().trim().min(1, "required") });
export type ImportItemsRequest = z.output<typeof importItemsRequestSchema>;

/**
 * A new study's fields as the browser's form and `POST /api/v1/studies` name them (`slug` for the CLI's `--study`):
 * the items import's own schema, so all three check the same rules.
 */
export const newStudySchema = z.preprocess((raw) => {
  if (typeof raw !== "object" || raw === null) return raw;
  const { slug, ...rest } = raw as Record<string, unknown>;
  const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
  // JSON may give a scale as a list of labels; the CLI's and the form's form is "l1,l2,...".
  if (Array.isArray(rest.scale)) rest.scale = rest.scale.join(",");
  return Object.fromEntries(
    Object.entries({ study: slug, ...rest }).map(([k, v]) => [k, blank(v)]),
  ) as Record<string, unknown>;
}, importItemsRequestSchema);
