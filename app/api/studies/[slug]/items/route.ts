import { NextResponse } from "next/server";
import { importItemsUpload, importResponse, newStudySchema, uploadName } from "@/features/imports";
import { getDb } from "@/platform/db";
import { crossSite, withRole } from "@/platform/http/route";
import { firstIssue } from "@/platform/validation";

/**
 * The browser's upload of an items file (researchers and admins, signed in): `?new=1` with the new-study fields
 * in the query creates the study from it; without, the file adds to the study. The body is the file, streamed.
 */
export const POST = withRole<{ params: Promise<{ slug: string }> }>("researcher", async (req, { params }) => {
  if (crossSite(req)) return NextResponse.json({ error: "cross-site upload refused" }, { status: 403 });
  const { slug } = await params;
  const query = Object.fromEntries(new URL(req.url).searchParams);
  const isNew = query.new === "1";
  delete query.new;
  let request: { study: string } = { study: slug };
  if (isNew) {
    const parsed = newStudySchema.safeParse({ ...query, slug });
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.error, "query");
      const name = field === "study" ? "slug" : field;
      return NextResponse.json(
        { error: `${name}: ${message}`, errors: [{ line: 0, field: name, message }] },
        { status: 422 },
      );
    }
    request = parsed.data;
  }
  const fileName = uploadName(req.headers.get("x-file-name"), req.headers.get("content-type"));
  const db = await getDb();
  return importResponse(() =>
    importItemsUpload(db, { body: req.body, fileName }, { request, mustCreate: isNew }),
  );
});
