import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/platform/db";
import { JUDGMENT_COLUMNS, judgmentExportBatches } from "@/features/results/export/query";
import { studyIdBySlug } from "@/features/crowd/links";
import { encodeRows, oneBatch } from "@/features/results/export/stream";
import { studyResults } from "@/features/results/compute";
import { summaryRows, SUMMARY_COLUMNS } from "@/features/results/stats-json";
import { resultFiltersSchema } from "@/features/results/schemas";
import { withRole } from "@/platform/http/route";

const query = resultFiltersSchema.extend({
  kind: z.enum(["judgments", "summary"]).default("judgments"),
  format: z.enum(["csv", "jsonl"]).default("csv"),
});

/** Streams a study's judgments, or its summary table, as CSV or JSONL (researchers and admins). */
export const GET = withRole<{ params: Promise<{ slug: string }> }>("researcher", async (req, { params }) => {
  const { slug } = await params;
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return NextResponse.json({ error: `${i.path.join(".")}: ${i.message}` }, { status: 400 });
  }
  const db = await getDb();
  if (!(await studyIdBySlug(db, slug))) return NextResponse.json({ error: "no such study" }, { status: 404 });
  const { format, kind, ...filters } = parsed.data;
  let body: ReadableStream<Uint8Array>;
  if (kind === "judgments") {
    body = encodeRows(judgmentExportBatches(db, { slug }), JUDGMENT_COLUMNS, format);
  } else {
    const results = await studyResults(db, { slug, filters });
    body = encodeRows(oneBatch(summaryRows(results!)), SUMMARY_COLUMNS, format);
  }
  return new Response(body, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slug.replace(/[^\w.-]/g, "_")}-${kind}.${format}"`,
      "Cache-Control": "no-store",
    },
  });
});
