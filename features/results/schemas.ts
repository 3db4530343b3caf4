import { z } from "zod";

const optionalText = z.preprocess(
  (v) => (v === "" || v === null ? undefined : v),
  z.string().trim().max(200).optional(),
);
const optionalDate = z.preprocess(
  (v) => (v === "" || v === null ? undefined : v),
  z.iso.date("use YYYY-MM-DD").optional(),
);

/** Result filters, from the results page's query string or the CLI. */
export const resultFiltersSchema = z.object({
  group: optionalText,
  category: optionalText,
  source: optionalText,
  from: optionalDate,
  to: optionalDate,
});
/** `exclusions`: set by the results code (never from a request) when the study leaves verdicts out. */
export type ResultFilters = z.infer<typeof resultFiltersSchema> & { exclusions?: boolean };

/** The half-width (a share, 0.005 to 0.5) a plan of prompts is drawn for: `stats --plan 0.05`, `?plan=0.05`. */
export const planHalfWidthSchema = z.coerce
  .number("a number such as 0.05")
  .min(0.005, "at least 0.005 (half a point)")
  .max(0.5, "at most 0.5");
