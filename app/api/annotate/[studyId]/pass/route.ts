import { NextResponse } from "next/server";
import { AnnotationError, passAssignment } from "@/features/annotation/queries/assignments";
import { annotationState } from "@/features/annotation/state";
import { annotatorRoute } from "@/features/annotation/route";
import { passItemSchema } from "@/features/annotation/schemas";

/** Skip or flag the current item; it goes back to the pool for others. */
export const POST = annotatorRoute(passItemSchema, async ({ db, ctx, input }) => {
  try {
    await passAssignment(db, { ...input, rules: ctx.rules, userId: ctx.userId });
  } catch (err) {
    if (!(err instanceof AnnotationError)) throw err;
    return NextResponse.json({ error: err.message, code: err.code }, { status: err.status });
  }
  return NextResponse.json({ state: await annotationState(db, ctx) });
});
