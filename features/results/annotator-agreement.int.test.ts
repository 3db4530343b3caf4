import { asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { comparisons, judgments, users, type Verdict } from "@/db/schema";
import { testTargets, useTestDb } from "@/test-utils/db";
import { makeAnnotators, makeStudy } from "@/test-utils/fixtures";
import { annotatorPairTables, annotatorStats } from "./queries";

// Hand-worked: three annotators (A < B < C by pseudonym) on three comparisons.
//   c1: A reference, B reference, C tie      c2: A baseline, B tie, C tie      c3: all three reference
// Pairs: (A,B) ref/ref x2, base/tie; (A,C) ref/tie, base/tie, ref/ref; (B,C) ref/tie, tie/tie, ref/ref.
// The others' unique plurality: A has one on c2 (tie: disagrees) and c3 (agrees); B only on c3 (c1 and c2 split
// one-one); C on c1 (reference: disagrees) and c3 (agrees).
const VERDICTS: Verdict[][] = [
  ["reference", "reference", "tie"],
  ["baseline", "tie", "tie"],
  ["reference", "reference", "reference"],
];

describe.each(testTargets())("annotator agreement queries on %s", (target) => {
  const db = useTestDb(target);

  it("count each pair's shared verdicts and each annotator's agreement with the others' plurality", async () => {
    const study = await makeStudy(db, { slug: "agree", prompts: 3 });
    const made = await makeAnnotators(db, study.id, 3, "agree");
    const people = await db
      .select({ id: users.id, pseudonym: users.pseudonym })
      .from(users)
      .where(
        inArray(
          users.id,
          made.map((u) => u.id),
        ),
      )
      .orderBy(asc(users.pseudonym));
    const cs = await db
      .select()
      .from(comparisons)
      .where(eq(comparisons.studyId, study.id))
      .orderBy(comparisons.id);
    await db.insert(judgments).values(
      VERDICTS.flatMap((row, c) =>
        row.map((verdict, a) => ({
          comparisonId: cs[c].id,
          userId: people[a].id,
          kind: "human" as const,
          verdict,
          referenceSide: "left" as const,
        })),
      ),
    );
    const [A, B, C] = people.map((p) => p.pseudonym!);
    const q = { studyId: study.id, filters: {} };
    const tables = (await annotatorPairTables(db, q))
      .map((r) => `${r.a}/${r.b} ${r.va}/${r.vb} ${r.n}`)
      .sort();
    expect(tables).toEqual(
      [
        `${A}/${B} reference/reference 2`,
        `${A}/${B} baseline/tie 1`,
        `${A}/${C} reference/tie 1`,
        `${A}/${C} baseline/tie 1`,
        `${A}/${C} reference/reference 1`,
        `${B}/${C} reference/tie 1`,
        `${B}/${C} tie/tie 1`,
        `${B}/${C} reference/reference 1`,
      ].sort(),
    );
    const stats = await annotatorStats(db, q);
    expect(stats.map((s) => [s.annotator, s.judgments, s.with_majority, s.agree_majority, s.ties])).toEqual([
      [A, 3, 2, 1, 0],
      [B, 3, 1, 1, 1],
      [C, 3, 2, 1, 2],
    ]);
  });
});
