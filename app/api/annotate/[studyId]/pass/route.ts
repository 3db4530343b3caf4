import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { AnnotationError, passAssignment } from "@/db/queries/assignments";
import { annotationState } from "@/lib/annotation/state";
import { enrolledStudy, notEnrolled } from "@/lib/server/annotator";
import { parseJson, withRole } from "@/lib/server/route";
import { passItemSchema } from "@/lib/validations/annotation";

/** Skip or flag the current item; it goes back to the pool for others. */
export const POST = withRole<{ params: Promise<{ studyId: string }> }>("annotator", async (req, { params, user }) => {
  const db = await getDb();
  const ctx = await enrolledStudy(db, (await params).studyId, user.id);
  if (!ctx) return notEnrolled();
  const input = await parseJson(req, passItemSchema);
  if (!input.ok) return input.response;
  try {
    await passAssignment(db, { ...input.data, rules: ctx.rules, userId: user.id });
  } catch (err) {
    if (!(err instanceof AnnotationError)) throw err;
    return NextResponse.json({ error: err.message, code: err.code }, { status: err.status });
  }
  return NextResponse.json({ state: await annotationState(db, { ...ctx, userId: user.id }) });
});
