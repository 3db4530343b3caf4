import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/platform/db/client";

export const WORKER_COLUMNS = [
  "worker_id",
  "pseudonym",
  "verdicts",
  "finished",
  "excluded",
  "excluded_reason",
  "joined_at",
] as const;

/**
 * Crowd workers of a study (those who joined through a link) with what they did, for approving and rejecting on the
 * crowd platform: verdicts, whether they finished the quota, whether the researcher excluded them and why.
 */
export async function* workerListBatches(db: Db, slug: string): AsyncGenerator<Record<string, unknown>[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select u.external_id as worker_id, u.pseudonym,
        (select count(*)::int from judgments j join comparisons c on c.id = j.comparison_id
          where c.study_id = s.id and j.user_id = u.id) as verdicts,
        false as finished, x.user_id is not null as excluded, x.reason as excluded_reason,
        to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as joined_at, s.quota
      from enrollments e join studies s on s.id = e.study_id join users u on u.id = e.user_id
        left join annotator_exclusions x on x.study_id = s.id and x.user_id = u.id
      where s.slug = ${slug} and e.link_id is not null
      order by e.created_at, u.external_id`),
  );
  for (const r of rows) r.finished = r.quota !== null && (r.verdicts as number) >= (r.quota as number);
  if (rows.length) yield rows;
}
