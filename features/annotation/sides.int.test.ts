import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "@/platform/db/client";
import { testTargets, useTestDb } from "@/test-utils/db";
import { referenceSideFor, referenceSideSql } from "./sides";

describe.each(testTargets())("referenceSideSql on %s", (target) => {
  const db = useTestDb(target);

  it("gives the same side as referenceSideFor, for short, long and non-ASCII secrets", async () => {
    for (const secret of ["s", "a".repeat(64), "k".repeat(100), "clé secrète ✓"]) {
      const userId = randomUUID();
      const studyId = 42;
      const seq = sql`g.seq`;
      const rows = rowsOf<{ seq: number; side: string }>(
        await db.execute(sql`select g.seq::int as seq, ${referenceSideSql({ secret, userId, studyId, seq })}::text as side
          from generate_series(0, 199) as g(seq) order by g.seq`),
      );
      expect(rows).toHaveLength(200);
      for (const r of rows) expect(r.side).toBe(referenceSideFor({ secret, userId, studyId, seq: r.seq }));
    }
  });
});
