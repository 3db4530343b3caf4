import { NextResponse } from "next/server";
import { annotationState } from "@/features/annotation/state";
import { annotatorRoute } from "@/features/annotation/route";

/** The annotator's current item, or why there is none. */
export const GET = annotatorRoute(null, async ({ db, ctx }) =>
  NextResponse.json(await annotationState(db, ctx), { headers: { "Cache-Control": "no-store" } }),
);
