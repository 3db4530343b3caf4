import { NextResponse } from "next/server";
import {
  annotationState,
  annotatorRoute,
  submitJudgment,
  submitVerdictSchema,
} from "@/features/annotation/server";
import { isAppError } from "@/platform/errors";
import { errorResponse } from "@/platform/http/route";

/** Store a verdict (idempotent by requestId) and answer with the annotator's next state. */
export const POST = annotatorRoute(submitVerdictSchema, async ({ db, ctx, input }) => {
  try {
    const result = await submitJudgment(db, { ...input, rules: ctx.rules, userId: ctx.userId });
    // The verdict is committed: a failure while preparing the next item must not read as a failed submission.
    const state = await annotationState(db, ctx).catch(() => null);
    return NextResponse.json({ result, state });
  } catch (err) {
    if (!isAppError(err)) throw err;
    return errorResponse(err, { state: await annotationState(db, ctx) });
  }
});
