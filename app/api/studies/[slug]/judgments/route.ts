import { NextResponse } from "next/server";
import { importJudgmentsUpload, importResponse, uploadName } from "@/features/imports";
import { getDb } from "@/platform/db";
import { crossSite, withRole } from "@/platform/http/route";

/** The browser's upload of a judgments file into a study (researchers and admins, signed in). */
export const POST = withRole<{ params: Promise<{ slug: string }> }>("researcher", async (req, { params }) => {
  if (crossSite(req)) return NextResponse.json({ error: "cross-site upload refused" }, { status: 403 });
  const { slug } = await params;
  const fileName = uploadName(req.headers.get("x-file-name"), req.headers.get("content-type"));
  const db = await getDb();
  return importResponse(() => importJudgmentsUpload(db, { body: req.body, fileName }, slug));
});
