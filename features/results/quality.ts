import { sql } from "drizzle-orm";
import { CHECK_ANSWERED_RIGHT } from "@/features/annotation";
import { rowsOf, type Db } from "@/platform/db/client";

export type AnnotatorQuality = {
  pseudonym: string;
  judgments: number;
  gold: { seen: number; correct: number };
  repeats: { seen: number; consistent: number };
  too_fast: number;
  status: "active" | "warned" | "stopped" | "excluded";
};

/**
 * Per annotator of a study (enrolled, or with human verdicts): checks seen and right (gold and attention items),
 * swapped repeats seen and answered the same way, verdicts faster than the study's minimum time, and their status
 * (excluded by a researcher, else what the quality rules say). Ordered by pseudonym.
 */
export async function annotatorQuality(db: Db, studyId: number): Promise<AnnotatorQuality[]> {
  const rows = rowsOf<{
    pseudonym: string;
    judgments: number;
    seen: number;
    correct: number;
    repeats: number;
    consistent: number;
    too_fast: number;
    status: AnnotatorQuality["status"];
  }>(
    await db.execute(sql`with who as (
        select user_id from enrollments where study_id = ${studyId}
        union select j.user_id from judgments j join comparisons c on c.id = j.comparison_id
          where c.study_id = ${studyId} and j.kind = 'human')
      select u.pseudonym,
        (select count(*)::int from judgments j join comparisons c on c.id = j.comparison_id
          where c.study_id = ${studyId} and j.user_id = u.id and c.check_kind is null) as judgments,
        (select count(*)::int from judgments j join comparisons c on c.id = j.comparison_id
          where c.study_id = ${studyId} and j.user_id = u.id and c.check_kind is not null) as seen,
        (select count(*)::int from judgments j join comparisons c on c.id = j.comparison_id
          where c.study_id = ${studyId} and j.user_id = u.id and c.check_kind is not null
            and ${CHECK_ANSWERED_RIGHT}) as correct,
        (select count(*)::int from assignments r where r.study_id = ${studyId} and r.user_id = u.id
          and r.purpose = 'repeat' and r.status = 'done') as repeats,
        (select count(*)::int from assignments r join judgments rj on rj.comparison_id = r.comparison_id
          and rj.user_id = r.user_id where r.study_id = ${studyId} and r.user_id = u.id and r.purpose = 'repeat'
          and r.status = 'done' and r.answer = rj.verdict) as consistent,
        (select count(*)::int from judgments j join comparisons c on c.id = j.comparison_id
          join studies s on s.id = c.study_id
          where c.study_id = ${studyId} and j.user_id = u.id and c.check_kind is null and s.qc_min_seconds > 0
            and j.duration_ms < s.qc_min_seconds * 1000) as too_fast,
        case when x.user_id is not null then 'excluded' else coalesce(e.quality_status::text, 'active') end as status
      from who join users u on u.id = who.user_id
        left join enrollments e on e.study_id = ${studyId} and e.user_id = u.id
        left join annotator_exclusions x on x.study_id = ${studyId} and x.user_id = u.id
      order by u.pseudonym`),
  );
  return rows.map((r) => ({
    pseudonym: r.pseudonym,
    judgments: r.judgments,
    gold: { seen: r.seen, correct: r.correct },
    repeats: { seen: r.repeats, consistent: r.consistent },
    too_fast: r.too_fast,
    status: r.status,
  }));
}

/** Responses that name a model or maker (found at import), and comparisons the study's leak policy holds out. */
export async function leakCounts(db: Db, studyId: number): Promise<{ responses: number; held_out: number }> {
  const [row] = rowsOf<{ responses: number; held_out: number }>(
    await db.execute(sql`select
        (select count(*)::int from responses r join prompts p on p.id = r.prompt_id
          where p.study_id = ${studyId} and r.leak_words is not null) as responses,
        (select count(*)::int from comparisons c join responses ra on ra.id = c.reference_response_id
          join responses rb on rb.id = c.baseline_response_id join studies s on s.id = c.study_id
          where c.study_id = ${studyId} and s.leak_policy = 'hold_out'
            and (ra.leak_words is not null or rb.leak_words is not null)) as held_out`),
  );
  return row;
}
