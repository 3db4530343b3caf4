import { WORKER_COLUMNS, workerListBatches } from "@/features/crowd";
import { encodeRows } from "@/features/results";
import { studyIdBySlug } from "@/features/studies";
import { getDb } from "@/platform/db";
import { AppError } from "@/platform/errors";
import { withRole } from "@/platform/http/route";

/** The study's crowd workers as CSV (admins: worker ids identify people), for approving on the crowd platform. */
export const GET = withRole<{ params: Promise<{ slug: string }> }>("admin", async (_req, { params }) => {
  const { slug } = await params;
  const db = await getDb();
  if (!(await studyIdBySlug(db, slug))) throw new AppError("no_study", slug);
  return new Response(encodeRows(workerListBatches(db, slug), WORKER_COLUMNS, "csv"), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slug.replace(/[^\w.-]/g, "_")}-workers.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
