import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { annotationState } from "@/lib/annotation/state";
import { enrolledStudy, notEnrolled } from "@/lib/server/annotator";
import { withRole } from "@/lib/server/route";

export const GET = withRole<{ params: Promise<{ studyId: string }> }>("annotator", async (_req, { params, user }) => {
  const db = await getDb();
  const ctx = await enrolledStudy(db, (await params).studyId, user.id);
  if (!ctx) return notEnrolled();
  return NextResponse.json(await annotationState(db, { ...ctx, userId: user.id }), { headers: { "Cache-Control": "no-store" } });
});
