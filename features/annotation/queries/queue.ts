import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/platform/db/client";

/**
 * Puts the comparisons `ids` selects back in the annotation queue, each with its true load (live human verdicts +
 * active leases, as migration 0006 defines it), unless already queued, held out by a researcher or a quality check.
 */
export async function requeue(db: Db, ids: SQL): Promise<void> {
  await db.execute(sql`insert into comparison_queue (comparison_id, study_id, human_load)
    select c.id, c.study_id,
      (select count(*) from judgments j where j.comparison_id = c.id and j.kind = 'human')
      + (select count(*) from assignments a where a.comparison_id = c.id and a.status = 'active')
    from comparisons c where c.id in (${ids}) and c.excluded_at is null and c.check_kind is null
      and not exists (select 1 from comparison_queue q where q.comparison_id = c.id)
    on conflict do nothing`);
}

/** Takes a study's quality checks out of the queue: they are served at the study's check rate, never as items. */
export async function dequeueChecks(db: Db, studyId: number): Promise<void> {
  await db.execute(sql`delete from comparison_queue q using comparisons c
    where c.id = q.comparison_id and c.study_id = ${studyId} and c.check_kind is not null`);
}
