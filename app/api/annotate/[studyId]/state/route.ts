import { NextResponse } from "next/server";
import { annotationState, annotatorRoute } from "@/features/annotation/server";

/** The annotator's current item, or why there is none. */
export const GET = annotatorRoute(null, async ({ db, ctx }) =>
  NextResponse.json(await annotationState(db, ctx), { headers: { "Cache-Control": "no-store" } }),
);
