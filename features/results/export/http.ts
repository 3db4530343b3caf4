import { NextResponse } from "next/server";
import type { Db } from "@/platform/db/client";
import { exportFileName, exportStudy, type ExportRequest } from "./export";
import { acquireExportSlot, releasingStream } from "./limits";

/**
 * An export as an HTTP answer, streamed, for the study page's download and the API alike. Concurrent exports are
 * capped per user and per instance (429 with Retry-After beyond), so labelling keeps its connections.
 */
export async function exportResponse(
  db: Db,
  args: { slug: string; request: ExportRequest; userId: string },
): Promise<Response> {
  const release = acquireExportSlot(args.userId);
  if (!release)
    return NextResponse.json(
      { error: "Too many exports are running; try again in a few seconds." },
      { status: 429, headers: { "Retry-After": "10" } },
    );
  let body: ReadableStream<Uint8Array>;
  try {
    body = releasingStream(await exportStudy(db, args.slug, args.request), release);
  } catch (err) {
    release();
    throw err;
  }
  return new Response(body, {
    headers: {
      "Content-Type":
        args.request.format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName(args.slug, args.request)}"`,
      "Cache-Control": "no-store",
    },
  });
}
