import {
  annotationState,
  annotatorApi,
  practiceFeedback,
  submitJudgment,
  submitVerdictSchema,
  updateQuality,
} from "@/features/annotation/server";
import { isAppError } from "@/platform/errors";
import { errorReply, reply } from "@/platform/http/node-route";

// A Pages API route, outside the proxy: the labelling API's hot path (platform/http/node-route.ts says why).
export const config = { api: { bodyParser: false } };

/**
 * Store a verdict (idempotent by requestId) and answer with the annotator's next state; where the study has quality
 * rules, re-judge the annotator first, and after a practice item say how it went.
 */
export default annotatorApi("POST", submitVerdictSchema, async ({ db, ctx, input }) => {
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
    return reply({ result, state, feedback });
  } catch (err) {
    if (!isAppError(err)) throw err;
    return errorReply(err, { state: await annotationState(db, ctx) });
  }
});
