import "server-only";
import { NextResponse } from "next/server";
import { getDb } from "@/platform/db";
import { crossSite, withRole } from "@/platform/http/route";
import { importResponse } from "./http";
import { importStudyFileUpload, uploadName } from "./upload";

/**
 * The browser's upload of verdicts or gold items into a study (researchers and admins, signed in, same site): the
 * body is the file, streamed; 200 with counts or 422 with line errors, nothing written.
 */
export function studyFileUploadRoute(kind: "judgments" | "gold") {
  return withRole<{ params: Promise<{ slug: string }> }>("researcher", async (req, { params }) => {
    if (crossSite(req)) return NextResponse.json({ error: "cross-site upload refused" }, { status: 403 });
    const { slug } = await params;
    const fileName = uploadName(req.headers.get("x-file-name"), req.headers.get("content-type"));
    const db = await getDb();
    return importResponse(() => importStudyFileUpload(db, { body: req.body, fileName }, slug, kind));
  });
}
