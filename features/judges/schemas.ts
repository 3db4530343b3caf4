import { z } from "zod";

/** A judge run: the one schema of `cli judge run` and of the study page's form. */
export const judgeRunRequestSchema = z.object({
  study: z.string().trim().min(1, "required"),
  judge: z
    .string()
    .trim()
    .min(1, "required")
    .max(100, "at most 100 characters")
    .regex(/^[\w.:@/-]+$/, "letters, digits and . _ - : @ / only"),
  baseUrl: z.url({ protocol: /^https?$/, error: "an http(s) URL such as https://api.openai.com/v1" }),
  model: z.string().trim().min(1, "required").max(200),
  template: z.string().trim().min(1).max(1000).default("mt-bench-pair"),
  orders: z.enum(["both", "one"], { error: "both or one" }).default("both"),
  concurrency: z.coerce
    .number()
    .int("a whole number")
    .min(1, "at least 1")
    .max(256, "at most 256")
    .default(8),
  limit: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number().int("a whole number").min(1, "at least 1").optional(),
  ),
  temperature: z.coerce.number().min(0, "at least 0").max(2, "at most 2").default(0),
  timeoutSeconds: z.coerce.number().min(1, "at least 1").max(3600).default(120),
  pricePromptPerM: z.coerce.number().min(0).optional(),
  priceCompletionPerM: z.coerce.number().min(0).optional(),
});
export type JudgeRunRequest = z.output<typeof judgeRunRequestSchema>;
