import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { JUDGMENT_COLUMNS, judgmentExportRows } from "@/db/queries/export";
import { studyIdBySlug } from "@/db/queries/links";
import { encodeRows } from "@/lib/export/stream";
import { withRole } from "@/lib/server/route";

const query = z.object({ kind: z.enum(["judgments"]).default("judgments"), format: z.enum(["csv", "jsonl"]).default("csv") });

/** Streams a study's judgments as CSV or JSONL (researchers and admins). */
export const GET = withRole<{ params: Promise<{ slug: string }> }>("researcher", async (req, { params }) => {
  const { slug } = await params;
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return NextResponse.json({ error: "kind must be judgments; format csv or jsonl" }, { status: 400 });
  const db = await getDb();
  if (!(await studyIdBySlug(db, slug))) return NextResponse.json({ error: "no such study" }, { status: 404 });
  const { format } = parsed.data;
  const body = encodeRows(judgmentExportRows(db, { slug }), JUDGMENT_COLUMNS, format);
  return new Response(body, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slug.replace(/[^\w.-]/g, "_")}-judgments.${format}"`,
      "Cache-Control": "no-store",
    },
  });
});
