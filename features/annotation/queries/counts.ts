import { sql } from "drizzle-orm";

/**
 * How many of the study's comparisons the annotator has judged (what the quota counts), as an SQL expression.
 * Written from the annotator's own judgments, each looked up by key, so that the plan never depends on the study's
 * size or on statistics a fresh import has not gathered yet (a join from the study's side scanned all its
 * comparisons on every call).
 */
export const judgedSql = (studyId: number, userId: string) => sql`(select count(*)::int from judgments j
  where j.user_id = ${userId}
    and (select jc.study_id from comparisons jc where jc.id = j.comparison_id) = ${studyId})`;
