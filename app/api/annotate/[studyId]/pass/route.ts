import { NextResponse } from "next/server";
import {
  annotationState,
  annotatorRoute,
  passAssignment,
  passItemSchema,
} from "@/features/annotation/server";

/** Skip or flag the current item; it goes back to the pool for others. A data-layer error code maps to its status. */
export const POST = annotatorRoute(passItemSchema, async ({ db, ctx, input }) => {
  await passAssignment(db, { ...input, rules: ctx.rules, userId: ctx.userId });
  return NextResponse.json({ state: await annotationState(db, ctx) });
});
