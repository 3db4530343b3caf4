import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf, type Db } from "@/platform/db/client";
import { testTargets, useTestDb } from "@/test-utils/db";
import { makeStudy } from "@/test-utils/fixtures";

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
});
