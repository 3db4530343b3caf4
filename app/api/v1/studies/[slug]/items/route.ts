import { importItemsUpload, importResponse, uploadName } from "@/features/imports";
import { getDb } from "@/platform/db";
import { withToken } from "@/platform/http/route";

/** Uploads prompts and responses (the body is the JSONL or CSV file) into a study; atomic, 422 with line errors. */
export const POST = withToken<{ params: Promise<{ slug: string }> }>(
  "researcher",
  async (req, { params }) => {
    const { slug } = await params;
    const fileName = uploadName(req.headers.get("x-file-name"), req.headers.get("content-type"));
    const db = await getDb();
    return importResponse(() =>
      importItemsUpload(db, { body: req.body, fileName }, { request: { study: slug } }),
    );
  },
);
