import { NextResponse } from "next/server";
import {
  annotationState,
  annotatorRoute,
  practiceFeedback,
  submitJudgment,
  submitVerdictSchema,
  updateQuality,
} from "@/features/annotation/server";
import { isAppError } from "@/platform/errors";
import { errorResponse } from "@/platform/http/route";

/**
 * Store a verdict (idempotent by requestId) and answer with the annotator's next state; where the study has quality
 * rules, re-judge the annotator first, and after a practice item say how it went.
 */
export const POST = annotatorRoute(submitVerdictSchema, async ({ db, ctx, input }) => {
  try {
    const result = await submitJudgment(db, { ...input, rules: ctx.rules, userId: ctx.userId });
    const quality = ctx.rules.quality;
    const status = quality
      ? await updateQuality(db, { studyId: ctx.rules.id, userId: ctx.userId, rules: quality })
      : null;
    const feedback = ctx.rules.practiceItems
      ? await practiceFeedback(db, { token: input.token, userId: ctx.userId })
      : null;
    const study = status ? { ...ctx.study, status } : ctx.study;
    // The verdict is committed: a failure while preparing the next item must not read as a failed submission.
    const state = await annotationState(db, { ...ctx, study }).catch(() => null);
    return NextResponse.json({ result, state, feedback });
  } catch (err) {
    if (!isAppError(err)) throw err;
    return errorResponse(err, { state: await annotationState(db, ctx) });
  }
});
