import { importResponse, importStudyFileUpload, uploadName } from "@/features/imports";
import { exportRequestSchema, exportResponse } from "@/features/results";
import { getDb } from "@/platform/db";
import { parseQuery, withToken } from "@/platform/http/route";

type Ctx = { params: Promise<{ slug: string }> };

/** Uploads verdicts (the body is the JSONL or CSV file); atomic, 422 with line errors. */
export const POST = withToken<Ctx>("researcher", async (req, { params }) => {
  const { slug } = await params;
  const fileName = uploadName(req.headers.get("x-file-name"), req.headers.get("content-type"));
  const db = await getDb();
  return importResponse(() => importStudyFileUpload(db, { body: req.body, fileName }, slug, "judgments"));
});

/** Streams every live verdict as CSV or JSONL (`?format=`), as `export judgments` writes it. */
export const GET = withToken<Ctx>("researcher", async (req, { params, user }) => {
  const { slug } = await params;
  const parsed = parseQuery(req, exportRequestSchema.omit({ kind: true }));
  if (!parsed.ok) return parsed.response;
  const request = { ...parsed.data, kind: "judgments" as const };
  return exportResponse(await getDb(), { slug, request, userId: user.id });
});
