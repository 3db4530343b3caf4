import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf, type Db } from "@/platform/db/client";
import { testTargets, useTestDb } from "@/test-utils/db";
import { makeAnnotators, makeStudy } from "@/test-utils/fixtures";

const count = async (db: Db, query: ReturnType<typeof sql>) =>
  rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from (${query}) x`))[0].n;
const queued = (db: Db, studyId: number) =>
  count(db, sql`select 1 from comparison_queue where study_id = ${studyId}`);
const orphans = (db: Db) =>
  count(
    db,
    sql`select 1 from comparison_queue q where not exists (select 1 from comparisons c where c.id = q.comparison_id)
    or not exists (select 1 from studies s where s.id = q.study_id)`,
  );

/** Each of the study's comparisons: its queue load and its definition (live human judgments plus active leases). */
const loads = async (db: Db, studyId: number) =>
  rowsOf<{ id: number; load: number; actual: number }>(
    await db.execute(sql`select q.comparison_id as id, q.human_load as load,
      (select count(*) from judgments j where j.comparison_id = q.comparison_id and j.kind = 'human')::int
      + (select count(*) from assignments a where a.comparison_id = q.comparison_id and a.status = 'active')::int
        as actual
    from comparison_queue q where q.study_id = ${studyId} order by q.comparison_id`),
  );

// The queue has no foreign keys (migration 0018): a trigger on comparisons takes a deleted comparison's row.
describe.each(testTargets())("the annotation queue on %s", (target) => {
  const db = useTestDb(target);

  it("holds one row per comparison and loses it with the comparison or the study", async () => {
    const study = await makeStudy(db, { slug: "queued", prompts: 3, baselines: ["b1", "b2"] });
    const other = await makeStudy(db, { slug: "kept", prompts: 2 });
    expect(await queued(db, study.id)).toBe(6);
    const keptRows = await queued(db, other.id);
    expect(keptRows).toBe(2);

    await db.execute(
      sql`delete from comparisons where id = (select min(id) from comparisons where study_id = ${study.id})`,
    );
    expect(await queued(db, study.id)).toBe(5);
    expect(await orphans(db)).toBe(0);

    // As deleteStudy does: the study goes, its comparisons by their cascade.
    await db.execute(sql`delete from studies where id = ${study.id}`);
    expect(await queued(db, study.id)).toBe(0);
    expect(await orphans(db)).toBe(0);
    expect(await queued(db, other.id)).toBe(keptRows);
  });

  it("keeps each comparison's load equal to its human judgments and active leases through every change", async () => {
    const study = await makeStudy(db, { slug: "loads", prompts: 2, baselines: ["b1", "b2"] });
    const [u, v] = await makeAnnotators(db, study.id, 2);
    const ids = (await loads(db, study.id)).map((r) => r.id);
    const check = async (expected: number[]) => {
      const rows = await loads(db, study.id);
      expect(rows.map((r) => r.load)).toEqual(rows.map((r) => r.actual));
      expect(rows.map((r) => r.load)).toEqual(expected);
    };
    const lease = (userId: string, comparison: number, seq: number) =>
      db.execute(sql`insert into assignments (study_id, comparison_id, user_id, seq, reference_side, expires_at)
        values (${study.id}, ${comparison}, ${userId}, ${seq}, 'left', now() + interval '1 hour') returning id`);
    const [a1] = rowsOf<{ id: string }>(await lease(u.id, ids[0], 0));
    await lease(v.id, ids[0], 0);
    await check([2, 0, 0, 0]);
    // A lease that ends (here it expires) leaves the load; one made active on another comparison adds to that one.
    await db.execute(sql`update assignments set status = 'expired' where id = ${a1.id}`);
    await check([1, 0, 0, 0]);
    await db.execute(
      sql`update assignments set status = 'active', comparison_id = ${ids[1]} where id = ${a1.id}`,
    );
    await check([1, 1, 0, 0]);
    await db.execute(sql`update assignments set flag_note = 'no change of status' where id = ${a1.id}`);
    await check([1, 1, 0, 0]);
    // A human verdict counts; a judge's does not; a verdict moved or deleted takes its count along.
    const [j] = rowsOf<{ id: number }>(
      await db.execute(sql`insert into judgments (comparison_id, user_id, kind, verdict, reference_side)
        values (${ids[2]}, ${u.id}, 'human', 'tie', 'left') returning id`),
    );
    await db.execute(sql`insert into judgments (comparison_id, judge_name, kind, verdict, reference_side)
      values (${ids[2]}, 'judge', 'judge', 'tie', 'left')`);
    await check([1, 1, 1, 0]);
    await db.execute(sql`update judgments set comparison_id = ${ids[3]} where id = ${j.id}`);
    await check([1, 1, 0, 1]);
    await db.execute(sql`update judgments set verdict = 'reference' where id = ${j.id}`);
    await check([1, 1, 0, 1]);
    await db.execute(sql`delete from judgments where id = ${j.id}`);
    await db.execute(sql`delete from assignments where id = ${a1.id}`);
    await check([1, 0, 0, 0]);
  });
});
