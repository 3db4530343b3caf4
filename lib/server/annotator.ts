import "server-only";
import { NextResponse } from "next/server";
import type { Db } from "@/db/client";
import { studyRules, type StudyRules } from "@/db/queries/assignments";
import { annotatorStudy, type AnnotatorStudy } from "@/db/queries/enrollments";
import { studyIdParam } from "@/lib/validations/annotation";

/** The study as an enrolled annotator sees it, or null when the id is malformed or they are not enrolled. */
export async function enrolledStudy(
  db: Db,
  rawStudyId: string,
  userId: string,
): Promise<{ study: AnnotatorStudy; rules: StudyRules } | null> {
  const id = studyIdParam.safeParse(rawStudyId);
  if (!id.success) return null;
  const study = await annotatorStudy(db, { studyId: id.data, userId });
  const rules = study ? await studyRules(db, id.data) : null;
  return study && rules ? { study, rules } : null;
}

export const notEnrolled = () => NextResponse.json({ error: "You are not enrolled in this study." }, { status: 404 });
