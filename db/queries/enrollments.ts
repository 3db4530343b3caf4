import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { comparisons, enrollments, judgments, studies, studyLinks, users } from "../schema";
import type { StudyRules } from "./serving";

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
  completion: { code: string; redirectUrl: string | null } | null;
};

export type AnnotatorAccess =
  | { kind: "no_user" }
  | { kind: "not_enrolled" }
  | { kind: "enrolled"; study: AnnotatorStudy; rules: StudyRules };

/**
 * In one query: whether the session's user still exists and is enabled, and if they are enrolled, the study as
 * they may see it and its serving rules. Every role may annotate, so enabled is all the role check needs.
 */
export async function annotatorAccess(db: Db, args: { studyId: number; userId: string }): Promise<AnnotatorAccess> {
  const [row] = await db
    .select({
      disabled: users.disabled,
      enrolled: sql<boolean>`${enrollments.userId} is not null`,
      overlapK: studies.overlapK,
      leaseSeconds: studies.leaseSeconds,
      id: studies.id,
      title: studies.annotatorTitle,
      guidelines: studies.guidelines,
      labels: studies.verdictLabels,
      quota: studies.quota,
      code: studyLinks.completionCode,
      redirectUrl: studyLinks.redirectUrl,
    })
    .from(users)
    .leftJoin(enrollments, and(eq(enrollments.userId, users.id), eq(enrollments.studyId, args.studyId)))
    .leftJoin(studies, eq(studies.id, enrollments.studyId))
    .leftJoin(studyLinks, eq(studyLinks.id, enrollments.linkId))
    .where(eq(users.id, args.userId));
  if (!row || row.disabled) return { kind: "no_user" };
  if (!row.enrolled || row.id === null) return { kind: "not_enrolled" };
  const study: AnnotatorStudy = {
    id: row.id,
    title: row.title!,
    guidelines: row.guidelines!,
    labels: row.labels!,
    quota: row.quota,
    completion: row.code ? { code: row.code, redirectUrl: row.redirectUrl } : null,
  };
  return { kind: "enrolled", study, rules: { id: row.id, overlapK: row.overlapK!, quota: row.quota, leaseSeconds: row.leaseSeconds! } };
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
