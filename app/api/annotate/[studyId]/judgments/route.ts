import { NextResponse } from "next/server";
import { AnnotationError, submitJudgment } from "@/features/annotation/queries/assignments";
import { annotationState } from "@/features/annotation/state";
import { annotatorRoute } from "@/features/annotation/route";
import { submitVerdictSchema } from "@/features/annotation/schemas";

/** Store a verdict (idempotent by requestId) and answer with the annotator's next state. */
export const POST = annotatorRoute(submitVerdictSchema, async ({ db, ctx, input }) => {
  try {
    const result = await submitJudgment(db, { ...input, rules: ctx.rules, userId: ctx.userId });
    // The verdict is committed: a failure while preparing the next item must not read as a failed submission.
    const state = await annotationState(db, ctx).catch(() => null);
    return NextResponse.json({ result, state });
  } catch (err) {
    if (!(err instanceof AnnotationError)) throw err;
    return NextResponse.json({ error: err.message, code: err.code, state: await annotationState(db, ctx) }, { status: err.status });
  }
});
