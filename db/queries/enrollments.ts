import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { comparisons, enrollments, judgments, studies, studyLinks } from "../schema";

export async function enrol(
  db: Db,
  args: { studyId: number; userId: string; linkId?: number | null; meta?: Record<string, string> | null },
): Promise<void> {
  await db
    .insert(enrollments)
    .values({ studyId: args.studyId, userId: args.userId, linkId: args.linkId ?? null, meta: args.meta ?? null })
    .onConflictDoNothing();
}

export async function unenrol(db: Db, args: { studyId: number; userId: string }): Promise<void> {
  await db.delete(enrollments).where(and(eq(enrollments.studyId, args.studyId), eq(enrollments.userId, args.userId)));
}

/** What an enrolled annotator may know of a study: no title, slug or model names. */
export type AnnotatorStudy = {
  id: number;
  title: string;
  guidelines: string;
  labels: [string, string, string];
  quota: number | null;
  judged: number;
  completion: { code: string; redirectUrl: string | null } | null;
};

export async function annotatorStudy(db: Db, args: { studyId: number; userId: string }): Promise<AnnotatorStudy | null> {
  const [row] = await db
    .select({
      id: studies.id,
      title: studies.annotatorTitle,
      guidelines: studies.guidelines,
      labels: studies.verdictLabels,
      quota: studies.quota,
      code: studyLinks.completionCode,
      redirectUrl: studyLinks.redirectUrl,
      judged: sql<number>`(select count(*)::int from ${judgments} j join ${comparisons} c on c.id = j.comparison_id
        where c.study_id = ${studies.id} and j.user_id = ${args.userId})`,
    })
    .from(enrollments)
    .innerJoin(studies, eq(studies.id, enrollments.studyId))
    .leftJoin(studyLinks, eq(studyLinks.id, enrollments.linkId))
    .where(and(eq(enrollments.studyId, args.studyId), eq(enrollments.userId, args.userId)));
  if (!row) return null;
  const { code, redirectUrl, ...rest } = row;
  return { ...rest, completion: code ? { code, redirectUrl } : null };
}

export async function enrolledStudies(db: Db, userId: string) {
  return db
    .select({
      id: studies.id,
      title: studies.annotatorTitle,
      quota: studies.quota,
      judged: sql<number>`(select count(*)::int from ${judgments} j join ${comparisons} c on c.id = j.comparison_id
        where c.study_id = ${studies.id} and j.user_id = ${userId})`,
    })
    .from(enrollments)
    .innerJoin(studies, eq(studies.id, enrollments.studyId))
    .where(eq(enrollments.userId, userId))
    .orderBy(studies.id);
}
