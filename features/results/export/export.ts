import { z } from "zod";
import { studyIdBySlug } from "@/features/studies";
import type { Db } from "@/platform/db/client";
import { AppError } from "@/platform/errors";
import { studyResults } from "../compute";
import { resultFiltersSchema } from "../schemas";
import { arenaResults, studyDesignOf } from "../arena";
import { ARENA_SUMMARY_COLUMNS, arenaSummaryRows, summaryRows, SUMMARY_COLUMNS } from "../stats-json";
import { ARENA_JUDGMENT_COLUMNS, JUDGMENT_COLUMNS, judgmentExportBatches } from "./query";
import { encodeRows, oneBatch } from "./stream";

/** What to export: the one schema of the export route's query string and of `cli export`. */
export const exportRequestSchema = resultFiltersSchema.extend({
  kind: z.enum(["judgments", "summary"]).default("judgments"),
  format: z.enum(["csv", "jsonl"], { error: "csv or jsonl" }).default("csv"),
});
export type ExportRequest = z.output<typeof exportRequestSchema>;

/** A study's judgments (streamed in batches) or its summary table, encoded as CSV or JSONL. */
export async function exportStudy(
  db: Db,
  slug: string,
  request: ExportRequest,
): Promise<ReadableStream<Uint8Array>> {
  if (!(await studyIdBySlug(db, slug))) throw new AppError("no_study", slug);
  const { format, kind, ...filters } = request;
  const allPairs = (await studyDesignOf(db, slug)) === "all_pairs";
  if (kind === "judgments")
    return encodeRows(
      judgmentExportBatches(db, { slug }),
      allPairs ? ARENA_JUDGMENT_COLUMNS : JUDGMENT_COLUMNS,
      format,
    );
  const arena = allPairs ? await arenaResults(db, { slug, filters }) : null;
  if (arena) return encodeRows(oneBatch(arenaSummaryRows(arena)), ARENA_SUMMARY_COLUMNS, format);
  const results = await studyResults(db, { slug, filters });
  if (!results) throw new AppError("no_study", slug);
  return encodeRows(oneBatch(summaryRows(results)), SUMMARY_COLUMNS, format);
}

export function exportFileName(slug: string, request: ExportRequest): string {
  return `${slug.replace(/[^\w.-]/g, "_")}-${request.kind}.${request.format}`;
}
