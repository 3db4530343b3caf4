import { exportRequestSchema, exportResponse } from "@/features/results";
import { getDb } from "@/platform/db";
import { parseQuery, withRole } from "@/platform/http/route";

/** Streams a study's judgments, or its summary table, as CSV or JSONL (researchers and admins). */
export const GET = withRole<{ params: Promise<{ slug: string }> }>(
  "researcher",
  async (req, { params, user }) => {
    const { slug } = await params;
    const parsed = parseQuery(req, exportRequestSchema);
    if (!parsed.ok) return parsed.response;
    return exportResponse(await getDb(), { slug, request: parsed.data, userId: user.id });
  },
);
