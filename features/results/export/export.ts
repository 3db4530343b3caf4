import { z } from "zod";
import { studyIdBySlug } from "@/features/studies";
import type { Db } from "@/platform/db/client";
import { AppError } from "@/platform/errors";
import { studyResults } from "../compute";
import { resultFiltersSchema } from "../schemas";
import { arenaResults, studyDesignOf } from "../arena";
import { ratingResults } from "../rating";
import {
  ARENA_SUMMARY_COLUMNS,
  arenaSummaryRows,
  RATING_SUMMARY_COLUMNS,
  ratingSummaryRows,
  summaryRows,
  SUMMARY_COLUMNS,
} from "../stats-json";
import {
  ARENA_JUDGMENT_COLUMNS,
  JUDGMENT_COLUMNS,
  judgmentExportBatches,
  RATING_JUDGMENT_COLUMNS,
  TEXT_COLUMNS,
} from "./query";
import { FLAG_COLUMNS, flagExportBatches } from "./flags";
import { encodeRows, oneBatch } from "./stream";

/** What to export: the one schema of the export route's query string and of `cli export`. */
export const exportRequestSchema = resultFiltersSchema.extend({
  kind: z
    .enum(["judgments", "summary", "flags"], { error: "judgments, summary or flags" })
    .default("judgments"),
  format: z.enum(["csv", "jsonl"], { error: "csv or jsonl" }).default("csv"),
  /** Judgments only: add the prompt and response texts. */
  texts: z
    .union([z.boolean(), z.enum(["1", "0", "true", "false"]).transform((v) => v === "1" || v === "true")])
    .optional(),
});
export type ExportRequest = z.output<typeof exportRequestSchema>;

/** A study's judgments (streamed in batches) or its summary table, encoded as CSV or JSONL. */
export async function exportStudy(
  db: Db,
  slug: string,
  request: ExportRequest,
): Promise<ReadableStream<Uint8Array>> {
  if (!(await studyIdBySlug(db, slug))) throw new AppError("no_study", slug);
  const { format, kind, texts, ...filters } = request;
  const design = await studyDesignOf(db, slug);
  if (kind === "judgments") {
    const columns =
      design === "all_pairs"
        ? ARENA_JUDGMENT_COLUMNS
        : design === "rating"
          ? RATING_JUDGMENT_COLUMNS
          : JUDGMENT_COLUMNS;
    const textColumns = texts ? TEXT_COLUMNS[design as keyof typeof TEXT_COLUMNS] : [];
    return encodeRows(judgmentExportBatches(db, { slug, texts }), [...columns, ...textColumns], format);
  }
  if (kind === "flags") return encodeRows(flagExportBatches(db, slug), FLAG_COLUMNS, format);
  const arena = design === "all_pairs" ? await arenaResults(db, { slug, filters }) : null;
  if (arena) return encodeRows(oneBatch(arenaSummaryRows(arena)), ARENA_SUMMARY_COLUMNS, format);
  const rating = design === "rating" ? await ratingResults(db, { slug, filters }) : null;
  if (rating) return encodeRows(oneBatch(ratingSummaryRows(rating)), RATING_SUMMARY_COLUMNS, format);
  const results = await studyResults(db, { slug, filters });
  if (!results) throw new AppError("no_study", slug);
  return encodeRows(oneBatch(summaryRows(results)), SUMMARY_COLUMNS, format);
}

export function exportFileName(slug: string, request: ExportRequest): string {
  return `${slug.replace(/[^\w.-]/g, "_")}-${request.kind}.${request.format}`;
}
