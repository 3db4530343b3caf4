import { annotationState, annotatorApi, passAssignment, passItemSchema } from "@/features/annotation/server";
import { reply } from "@/platform/http/node-route";

// A Pages API route, outside the proxy: the labelling API's hot path (platform/http/node-route.ts says why).
export const config = { api: { bodyParser: false } };

/** Skip or flag the current item; it goes back to the pool for others. A data-layer error code maps to its status. */
export default annotatorApi("POST", passItemSchema, async ({ db, ctx, input }) => {
  await passAssignment(db, { ...input, rules: ctx.rules, userId: ctx.userId });
  return reply({ state: await annotationState(db, ctx) });
});
