import { NextResponse } from "next/server";
import {
  acquireExportSlot,
  exportFileName,
  exportRequestSchema,
  exportStudy,
  releasingStream,
} from "@/features/results";
import { getDb } from "@/platform/db";
import { parseQuery, withRole } from "@/platform/http/route";

/**
 * Streams a study's judgments, or its summary table, as CSV or JSONL (researchers and admins). Concurrent exports
 * are capped per user and per instance (429 with Retry-After beyond), so labelling keeps its connections.
 */
export const GET = withRole<{ params: Promise<{ slug: string }> }>(
  "researcher",
  async (req, { params, user }) => {
    const { slug } = await params;
    const parsed = parseQuery(req, exportRequestSchema);
    if (!parsed.ok) return parsed.response;
    const release = acquireExportSlot(user.id);
    if (!release) {
      return NextResponse.json(
        { error: "Too many exports are running; try again in a few seconds." },
        { status: 429, headers: { "Retry-After": "10" } },
      );
    }
    let body: ReadableStream<Uint8Array>;
    try {
      body = releasingStream(await exportStudy(await getDb(), slug, parsed.data), release);
    } catch (err) {
      release();
      throw err;
    }
    return new Response(body, {
      headers: {
        "Content-Type":
          parsed.data.format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
        "Content-Disposition": `attachment; filename="${exportFileName(slug, parsed.data)}"`,
        "Cache-Control": "no-store",
      },
    });
  },
);
