import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { AnnotationError, submitJudgment } from "@/db/queries/assignments";
import { annotationState } from "@/lib/annotation/state";
import { enrolledStudy, notEnrolled } from "@/lib/server/annotator";
import { parseJson, withRole } from "@/lib/server/route";
import { submitVerdictSchema } from "@/lib/validations/annotation";

/** Store a verdict (idempotent by requestId) and answer with the annotator's next state. */
export const POST = withRole<{ params: Promise<{ studyId: string }> }>("annotator", async (req, { params, user }) => {
  const db = await getDb();
  const ctx = await enrolledStudy(db, (await params).studyId, user.id);
  if (!ctx) return notEnrolled();
  const input = await parseJson(req, submitVerdictSchema);
  if (!input.ok) return input.response;
  try {
    const result = await submitJudgment(db, { ...input.data, rules: ctx.rules, userId: user.id });
    // The verdict is committed: a failure while preparing the next item must not read as a failed submission.
    const state = await annotationState(db, { ...ctx, userId: user.id }).catch(() => null);
    return NextResponse.json({ result, state });
  } catch (err) {
    if (!(err instanceof AnnotationError)) throw err;
    const state = await annotationState(db, { ...ctx, userId: user.id });
    return NextResponse.json({ error: err.message, code: err.code, state }, { status: err.status });
  }
});
