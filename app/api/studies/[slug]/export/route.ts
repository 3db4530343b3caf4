import { exportFileName, exportRequestSchema, exportStudy } from "@/features/results";
import { getDb } from "@/platform/db";
import { parseQuery, withRole } from "@/platform/http/route";

/** Streams a study's judgments, or its summary table, as CSV or JSONL (researchers and admins). */
export const GET = withRole<{ params: Promise<{ slug: string }> }>("researcher", async (req, { params }) => {
  const { slug } = await params;
  const parsed = parseQuery(req, exportRequestSchema);
  if (!parsed.ok) return parsed.response;
  const body = await exportStudy(await getDb(), slug, parsed.data);
  return new Response(body, {
    headers: {
      "Content-Type":
        parsed.data.format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName(slug, parsed.data)}"`,
      "Cache-Control": "no-store",
    },
  });
});
