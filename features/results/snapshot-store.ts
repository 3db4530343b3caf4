import { and, eq, sql } from "drizzle-orm";
import { resultsSnapshots } from "@/db/schema";
import { rowsOf, type Db } from "@/platform/db/client";

/** Stored snapshots per study; the oldest filter combinations beyond this many are dropped when one is written. */
const SNAPSHOTS_PER_STUDY = 50;

export type StoredSnapshot = {
  fingerprint: string;
  payload: unknown;
  computedAt: Date;
  durationMs: number;
};

/**
 * What a study's results are computed from, as one string: the study's generation (items, exclusions, settings,
 * published numbers, annotators; raised by triggers) and the count and sum of its verdict-count versions (every
 * judgment written raises one). Equal fingerprints mean the same data, whatever order writers committed in.
 */
export async function resultsFingerprint(db: Db, studyId: number): Promise<string> {
  const [row] = rowsOf<{ generation: string; rows: string; versions: string }>(
    await db.execute(sql`select s.results_generation::text as generation, count(v.version)::text as rows,
        coalesce(sum(v.version), 0)::text as versions
      from studies s left join comparisons c on c.study_id = s.id
      left join verdict_counts v on v.comparison_id = c.id
      where s.id = ${studyId} group by s.id`),
  );
  return row ? `${row.generation}:${row.rows}:${row.versions}` : "";
}

export async function readSnapshot(
  db: Db,
  studyId: number,
  filtersKey: string,
): Promise<StoredSnapshot | null> {
  const [row] = await db
    .select({
      fingerprint: resultsSnapshots.fingerprint,
      payload: resultsSnapshots.payload,
      computedAt: resultsSnapshots.computedAt,
      durationMs: resultsSnapshots.durationMs,
    })
    .from(resultsSnapshots)
    .where(and(eq(resultsSnapshots.studyId, studyId), eq(resultsSnapshots.filtersKey, filtersKey)));
  return row ?? null;
}

export async function writeSnapshot(
  db: Db,
  row: { studyId: number; filtersKey: string } & StoredSnapshot,
): Promise<void> {
  const values = { ...row, payload: row.payload as object };
  await db
    .insert(resultsSnapshots)
    .values(values)
    .onConflictDoUpdate({
      target: [resultsSnapshots.studyId, resultsSnapshots.filtersKey],
      set: {
        fingerprint: values.fingerprint,
        payload: values.payload,
        computedAt: values.computedAt,
        durationMs: values.durationMs,
      },
    });
  // Keep the newest SNAPSHOTS_PER_STUDY filter combinations of the study.
  await db.execute(sql`delete from results_snapshots where study_id = ${row.studyId} and filters_key not in
    (select filters_key from results_snapshots where study_id = ${row.studyId}
      order by computed_at desc limit ${SNAPSHOTS_PER_STUDY})`);
}

/** Every stored snapshot: a new server may compute differently, so it starts from none. */
export async function clearSnapshots(db: Db): Promise<void> {
  await db.delete(resultsSnapshots);
}
