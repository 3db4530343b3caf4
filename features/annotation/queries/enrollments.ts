import { and, eq, isNull, sql } from "drizzle-orm";
import { preparedRows, type Db } from "@/platform/db/client";
import { comparisons, endedSessions, enrollments, judgments, studies, studyLinks, users } from "@/db/schema";
import type { StudyRules } from "./serving";
import { qualityRulesOf } from "../quality";

export async function enrol(
  db: Db,
  args: { studyId: number; userId: string; linkId?: number | null; meta?: Record<string, string> | null },
): Promise<void> {
  await db
    .insert(enrollments)
    .values({
      studyId: args.studyId,
      userId: args.userId,
      linkId: args.linkId ?? null,
      meta: args.meta ?? null,
    })
    .onConflictDoNothing();
}

export async function unenrol(db: Db, args: { studyId: number; userId: string }): Promise<void> {
  await db
    .delete(enrollments)
    .where(and(eq(enrollments.studyId, args.studyId), eq(enrollments.userId, args.userId)));
}

/** What an enrolled annotator may know of a study: no title, slug or model names. */
export type AnnotatorStudy = {
  id: number;
  title: string;
  guidelines: string;
  labels: [string, string, string];
  /** A rating study's scale, worst first; null for a pairwise study. */
  scale: string[] | null;
  quota: number | null;
  completion: { code: string; redirectUrl: string | null } | null;
  rationaleRequired: boolean;
  /** The quality rules' verdict on this annotator, and whether a stopped one still gets the completion code. */
  status: "active" | "warned" | "stopped";
  stoppedGetsCode: boolean;
  leakPolicy: "serve" | "mask" | "hold_out";
};

export type AnnotatorAccess =
  | { kind: "no_user" }
  | { kind: "not_enrolled" }
  | { kind: "enrolled"; study: AnnotatorStudy; rules: StudyRules };

/**
 * In one query: whether the session's user still exists, is enabled and the session not ended (issued under the
 * user's current session version; callers that checked the session already pass none), and if they are enrolled, the study as
 * they may see it and its serving rules. Every role may annotate, so enabled is all the role check needs.
 */
export async function annotatorAccess(
  db: Db,
  args: { studyId: number; userId: string; session?: { version: number; id: string } },
): Promise<AnnotatorAccess> {
  const [row] = await preparedRows<{
    disabled: boolean;
    session_version: number;
    ended_session: boolean;
    id: number | null;
    title: string;
    guidelines: string;
    labels: [string, string, string];
    scale: string[] | null;
    quota: number | null;
    overlap_k: number;
    lease_seconds: number;
    one_per_prompt: boolean;
    code: string | null;
    redirect_url: string | null;
    rationale_required: boolean;
    check_rate: number;
    repeat_rate: number;
    practice_items: number;
    qc_min_checks: number;
    qc_min_accuracy: number;
    qc_min_seconds: number;
    qc_max_fast_share: number;
    quality_status: "active" | "warned" | "stopped";
    stopped_gets_code: boolean;
    leak_policy: "serve" | "mask" | "hold_out";
  }>(
    db,
    sql`select u.disabled, u.session_version, exists (select 1 from ${endedSessions} where sid = ${args.session?.id ?? ""}) as ended_session, s.id, s.annotator_title as title, s.guidelines, s.verdict_labels as labels, s.scale, s.quota,
        s.overlap_k, s.lease_seconds, s.one_per_prompt, l.completion_code as code, l.redirect_url,
        s.rationale_required, s.check_rate, s.repeat_rate, s.practice_items, s.qc_min_checks, s.qc_min_accuracy, s.qc_min_seconds,
        s.qc_max_fast_share, e.quality_status, s.stopped_gets_code, s.leak_policy
      from ${users} u
      left join ${enrollments} e on e.user_id = u.id and e.study_id = ${args.studyId}
      left join ${studies} s on s.id = e.study_id and s.archived_at is null
      left join ${studyLinks} l on l.id = e.link_id
      where u.id = ${args.userId}`,
  );
  const ended =
    args.session !== undefined && (row?.session_version !== args.session.version || row.ended_session);
  if (!row || row.disabled || ended) return { kind: "no_user" };
  if (row.id === null) return { kind: "not_enrolled" };
  const study: AnnotatorStudy = {
    id: row.id,
    title: row.title,
    guidelines: row.guidelines,
    labels: row.labels,
    scale: row.scale,
    quota: row.quota,
    completion: row.code ? { code: row.code, redirectUrl: row.redirect_url } : null,
    rationaleRequired: row.rationale_required,
    status: row.quality_status,
    stoppedGetsCode: row.stopped_gets_code,
    leakPolicy: row.leak_policy,
  };
  return {
    kind: "enrolled",
    study,
    rules: {
      id: row.id,
      overlapK: row.overlap_k,
      quota: row.quota,
      leaseSeconds: row.lease_seconds,
      onePerPrompt: row.one_per_prompt,
      scaleSize: row.scale?.length ?? null,
      rationaleRequired: row.rationale_required,
      checkRate: row.check_rate,
      maskLeaks: row.leak_policy === "mask",
      repeatRate: row.repeat_rate,
      practiceItems: row.practice_items,
      quality: qualityRulesOf({
        checkRate: row.check_rate,
        repeatRate: row.repeat_rate,
        minChecks: row.qc_min_checks,
        minAccuracy: row.qc_min_accuracy,
        minSeconds: row.qc_min_seconds,
        maxFastShare: row.qc_max_fast_share,
      }),
    },
  };
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
    .where(and(eq(enrollments.userId, userId), isNull(studies.archivedAt)))
    .orderBy(studies.id);
}
