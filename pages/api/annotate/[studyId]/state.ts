import { annotationState, annotatorApi } from "@/features/annotation/server";
import { reply } from "@/platform/http/node-route";

// A Pages API route, outside the proxy: the labelling API's hot path (platform/http/node-route.ts says why).
export const config = { api: { bodyParser: false } };

/** The annotator's current item, or why there is none. */
export default annotatorApi("GET", null, async ({ db, ctx }) => reply(await annotationState(db, ctx)));
