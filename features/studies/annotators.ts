import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { annotatorExclusions, studies } from "@/db/schema";
import { rowsOf, type Db } from "@/platform/db/client";
import { AppError } from "@/platform/errors";
import { text } from "@/platform/validation";
import { slugSchema } from "./settings";

export type AnnotatorProgress = {
  userId: string;
  pseudonym: string;
  /** Email or crowd worker id: for admins only (the page drops it for researchers). */
  identity: string | null;
  group: string | null;
  enrolled: boolean;
  done: number;
  skipped: number;
  flagged: number;
  medianMs: number | null;
  lastActive: string | null;
  excluded: { reason: string; at: string } | null;
  /** What the study's quality rules say, and why when not active. */
  quality: { status: "active" | "warned" | "stopped"; reason: string | null };
};

/**
 * Everyone enrolled in a study or with verdicts in it, with their progress: verdicts, skips, flags, median time per
 * verdict, last activity, and whether the results leave them out. Busiest first.
 */
export async function annotatorProgress(db: Db, studyId: number): Promise<AnnotatorProgress[]> {
  const rows = rowsOf<{
    user_id: string;
    pseudonym: string;
    identity: string | null;
    group: string | null;
    enrolled: boolean;
    done: number;
    skipped: number;
    flagged: number;
    median_ms: number | null;
    last_active: string | null;
    reason: string | null;
    excluded_at: string | null;
    quality_status: "active" | "warned" | "stopped" | null;
    quality_reason: string | null;
  }>(
    await db.execute(sql`with j as (
        select j.user_id, count(*)::int as done,
          (percentile_cont(0.5) within group (order by j.duration_ms))::float8 as median_ms,
          max(j.updated_at) as last_verdict
        from judgments j join comparisons c on c.id = j.comparison_id
        where c.study_id = ${studyId} and j.kind = 'human' group by j.user_id),
      a as (
        select user_id, count(*) filter (where status = 'skipped')::int as skipped,
          count(*) filter (where status = 'flagged')::int as flagged, max(served_at) as last_served
        from assignments where study_id = ${studyId} group by user_id),
      who as (select user_id from enrollments where study_id = ${studyId} union select user_id from j)
      select u.id as user_id, u.pseudonym, coalesce(u.email, u.external_id) as identity, u."group",
        exists (select 1 from enrollments e where e.study_id = ${studyId} and e.user_id = u.id) as enrolled,
        coalesce(j.done, 0) as done, coalesce(a.skipped, 0) as skipped, coalesce(a.flagged, 0) as flagged,
        j.median_ms, to_char(greatest(j.last_verdict, a.last_served) at time zone 'UTC',
          'YYYY-MM-DD HH24:MI "UTC"') as last_active,
        x.reason, to_char(x.created_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"') as excluded_at,
        e.quality_status::text as quality_status, e.quality_reason
      from who join users u on u.id = who.user_id left join j on j.user_id = u.id
        left join enrollments e on e.study_id = ${studyId} and e.user_id = u.id
        left join a on a.user_id = u.id
        left join annotator_exclusions x on x.study_id = ${studyId} and x.user_id = u.id
      order by coalesce(j.done, 0) desc, u.pseudonym`),
  );
  return rows.map((r) => ({
    userId: r.user_id,
    pseudonym: r.pseudonym,
    identity: r.identity,
    group: r.group,
    enrolled: r.enrolled,
    done: r.done,
    skipped: r.skipped,
    flagged: r.flagged,
    medianMs: r.median_ms === null ? null : Math.round(r.median_ms),
    lastActive: r.last_active,
    excluded: r.reason === null ? null : { reason: r.reason, at: r.excluded_at! },
    quality: { status: r.quality_status ?? "active", reason: r.quality_reason },
  }));
}

export const exclusionSchema = z.object({
  slug: slugSchema,
  userId: z.uuid("not a user id"),
  exclude: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
  reason: text().trim().max(500, "at most 500 characters").optional(),
});

/**
 * Excludes an annotator's verdicts from a study's results, or brings them back. Recorded with who and why; the
 * verdicts themselves are never changed, and exports mark them.
 */
export async function setAnnotatorExcluded(
  db: Db,
  input: z.output<typeof exclusionSchema>,
  byUserId: string | null,
): Promise<void> {
  const [study] = await db.select({ id: studies.id }).from(studies).where(eq(studies.slug, input.slug));
  if (!study) throw new AppError("no_study", input.slug);
  if (!input.exclude) {
    await db
      .delete(annotatorExclusions)
      .where(and(eq(annotatorExclusions.studyId, study.id), eq(annotatorExclusions.userId, input.userId)));
    return;
  }
  if (!input.reason) throw new AppError("invalid_input", "reason: say why the annotator is excluded");
  await db
    .insert(annotatorExclusions)
    .values({ studyId: study.id, userId: input.userId, reason: input.reason, excludedBy: byUserId })
    .onConflictDoUpdate({
      target: [annotatorExclusions.studyId, annotatorExclusions.userId],
      set: { reason: input.reason, excludedBy: byUserId },
    });
}

/** The annotators a study's results leave out, for the results page. */
export async function studyExclusions(db: Db, studyId: number) {
  return rowsOf<{ pseudonym: string; reason: string }>(
    await db.execute(sql`select u.pseudonym, x.reason from annotator_exclusions x join users u on u.id = x.user_id
      where x.study_id = ${studyId} order by u.pseudonym`),
  );
}

/** Excludes every annotator the quality rules stopped, each with the rules' reason (one action for the researcher). */
export async function excludeStopped(db: Db, slug: string, byUserId: string | null): Promise<number> {
  const rows = rowsOf(
    await db.execute(sql`insert into annotator_exclusions (study_id, user_id, reason, excluded_by)
      select e.study_id, e.user_id, 'stopped by the quality rules: ' || coalesce(e.quality_reason, 'see the rules'), ${byUserId}
      from enrollments e join studies s on s.id = e.study_id
      where s.slug = ${slug} and e.quality_status = 'stopped'
      on conflict do nothing returning user_id`),
  );
  return rows.length;
}
