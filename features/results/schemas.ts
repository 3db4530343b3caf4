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
export type ResultFilters = z.infer<typeof resultFiltersSchema>;
