import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  annotatorExclusions,
  comparisons,
  judgments,
  models,
  prompts,
  publishedResults,
  responses,
  studies,
  users,
  type Verdict,
} from "@/db/schema";
import type { Pool } from "pg";
import { rowsOf, type Db } from "@/platform/db/client";
import { testServerUrl, testTargets, useTestDb } from "@/test-utils/db";
import { makeAnnotators, makeStudy } from "@/test-utils/fixtures";
import { computeDesignResults, filtersKey, resultsView, type DesignResults } from "./snapshot";
import { readSnapshot, resultsFingerprint, writeSnapshot } from "./snapshot-store";

const VERDICTS: Verdict[] = ["reference", "tie", "baseline", "reference"];

/** A study of 4 prompts x 2 baselines, each comparison judged once by each of 3 annotators. */
async function judgedStudy(db: Db, slug: string) {
  const study = await makeStudy(db, { slug, prompts: 4, baselines: ["b1", "b2"] });
  const people = await makeAnnotators(db, study.id, 3, slug);
  const cs = await db
    .select()
    .from(comparisons)
    .where(eq(comparisons.studyId, study.id))
    .orderBy(comparisons.id);
  await db.insert(judgments).values(
    cs.flatMap((c, i) =>
      people.map((u, a) => ({
        comparisonId: c.id,
        userId: u.id,
        kind: "human" as const,
        verdict: VERDICTS[(i + a) % 4],
        referenceSide: "left" as const,
      })),
    ),
  );
  return { study, people, cs };
}

/** One more verdict (a tie on `comparisonId`) by a new annotator. */
async function lateTie(db: Db, studyId: number, comparisonId: number, prefix: string) {
  const [late] = await makeAnnotators(db, studyId, 1, prefix);
  await db
    .insert(judgments)
    .values({ comparisonId, userId: late.id, kind: "human", verdict: "tie", referenceSide: "left" });
}

const humanTotals = (r: DesignResults) =>
  r.design === "reference" ? r.results.human.baselines.map((b) => b.n) : [];

async function untilStored(db: Db, studyId: number, key: string, fingerprint: string) {
  for (let i = 0; i < 200; i++) {
    if ((await readSnapshot(db, studyId, key))?.fingerprint === fingerprint) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("the background computation never stored the current numbers");
}

describe.each(testTargets())("results snapshots on %s", (target) => {
  const db = useTestDb(target);

  it("serve stored numbers equal to a fresh computation until a verdict changes them", async () => {
    const { study, people, cs } = await judgedStudy(db, "snap-a");
    const args = { studyId: study.id, slug: "snap-a", filters: {} };
    const first = await resultsView(db, args);
    expect(first?.status).toBe("current");
    if (first?.status !== "current") return;
    // Through jsonb and back, the numbers are the ones computed directly (nothing lost to JSON: NaN, undefined).
    expect(first.results).toEqual(await computeDesignResults(db, args));
    expect(humanTotals(first.results)).toEqual([12, 12]);

    const again = await resultsView(db, args);
    expect(again?.status === "current" && again.computedAt).toEqual(first.computedAt);

    await lateTie(db, study.id, cs[0].id, "late-a");
    const after = await resultsView(db, args);
    expect(after?.status).toBe("current");
    if (after?.status !== "current") return;
    expect(after.computedAt.getTime()).toBeGreaterThan(first.computedAt.getTime());
    expect(humanTotals(after.results).reduce((a, b) => a + b)).toBe(25);
    expect(people).toHaveLength(3);
  });

  it("change the fingerprint on every write the results read, and not on rendering", async () => {
    const { study, people, cs } = await judgedStudy(db, "snap-b");
    const [rater] = await makeAnnotators(db, study.id, 1, "rater");
    const [p0] = await db.select().from(prompts).where(eq(prompts.studyId, study.id)).orderBy(prompts.id);
    const changes: [string, () => Promise<unknown>][] = [
      [
        "a verdict revised",
        () => db.update(judgments).set({ verdict: "tie" }).where(eq(judgments.comparisonId, cs[1].id)),
      ],
      [
        "a rationale revised",
        () => db.update(judgments).set({ rationale: "why" }).where(eq(judgments.comparisonId, cs[2].id)),
      ],
      [
        "a rating stored",
        () =>
          db
            .insert(judgments)
            .values({ comparisonId: cs[3].id, userId: rater.id, kind: "human", ratings: [1] }),
      ],
      [
        "an annotator excluded",
        () => db.insert(annotatorExclusions).values({ studyId: study.id, userId: people[0].id, reason: "r" }),
      ],
      [
        "an exclusion lifted",
        () => db.delete(annotatorExclusions).where(eq(annotatorExclusions.studyId, study.id)),
      ],
      [
        "an item held out",
        () => db.update(comparisons).set({ excludedAt: new Date() }).where(eq(comparisons.id, cs[0].id)),
      ],
      ["a category changed", () => db.update(prompts).set({ category: "new" }).where(eq(prompts.id, p0.id))],
      [
        "a response's text changed",
        () => db.update(responses).set({ text: "longer text" }).where(eq(responses.promptId, p0.id)),
      ],
      [
        "a published result set",
        () =>
          db.insert(publishedResults).values({
            studyId: study.id,
            baseline: "b1",
            referenceWins: 0.5,
            ties: 0.2,
            baselineWins: 0.3,
            source: "paper",
          }),
      ],
      ["a model renamed", () => db.update(models).set({ name: "b1-renamed" }).where(eq(models.name, "b1"))],
      [
        "an annotator regrouped",
        () => db.update(users).set({ group: "crowd" }).where(eq(users.id, people[1].id)),
      ],
      [
        "the study retitled",
        () => db.update(studies).set({ title: "new title" }).where(eq(studies.id, study.id)),
      ],
      ["a judgment deleted", () => db.delete(judgments).where(eq(judgments.userId, people[2].id))],
    ];
    for (const [what, change] of changes) {
      const before = await resultsFingerprint(db, study.id);
      await change();
      expect(await resultsFingerprint(db, study.id), what).not.toBe(before);
    }
    const unchanged: [string, () => Promise<unknown>][] = [
      [
        "texts rendered",
        () =>
          db.execute(
            sql`update prompts set html = '<p>x</p>', render_version = 1 where study_id = ${study.id}`,
          ),
      ],
      [
        "responses rendered",
        () =>
          db.execute(
            sql`update responses set html = '<p>y</p>', masked_html = null, render_version = 1 where prompt_id = ${p0.id}`,
          ),
      ],
      [
        "a session ended",
        () => db.update(users).set({ sessionVersion: 2 }).where(eq(users.id, people[0].id)),
      ],
    ];
    for (const [what, change] of unchanged) {
      const before = await resultsFingerprint(db, study.id);
      await change();
      expect(await resultsFingerprint(db, study.id), what).toBe(before);
    }
  });

  it("show older numbers, marked, while slow ones are computed again, then the current ones", async () => {
    const { study } = await judgedStudy(db, "snap-c");
    const args = { studyId: study.id, slug: "snap-c", filters: { category: "even" } };
    const key = filtersKey(args.filters);
    const fresh = await computeDesignResults(db, args);
    const old = {
      fingerprint: "older data",
      payload: fresh,
      computedAt: new Date(Date.UTC(2026, 0, 1)),
      durationMs: 60_000,
    };
    await writeSnapshot(db, { studyId: study.id, filtersKey: key, ...old });

    const served = await resultsView(db, args);
    expect(served?.status).toBe("updating");
    expect(served?.status === "updating" && served.computedAt.toISOString()).toBe("2026-01-01T00:00:00.000Z");

    await untilStored(db, study.id, key, await resultsFingerprint(db, study.id));
    const now = await resultsView(db, args);
    expect(now?.status).toBe("current");
    expect(now?.status === "current" && now.results).toEqual(fresh);
  });

  it("key filters by value, not by the order they were given in, and keep filtered views apart", async () => {
    expect(filtersKey({ source: "x", group: "g" })).toBe(filtersKey({ group: "g", source: "x" }));
    expect(filtersKey({ group: "g" }, 0.05)).not.toBe(filtersKey({ group: "g" }));
    expect(filtersKey({ group: undefined, from: "" as unknown as undefined })).toBe("{}");
    const { study } = await judgedStudy(db, "snap-d");
    const all = await resultsView(db, { studyId: study.id, slug: "snap-d", filters: {} });
    const even = await resultsView(db, { studyId: study.id, slug: "snap-d", filters: { category: "even" } });
    const n = (v: typeof all) =>
      v?.status === "current" ? humanTotals(v.results).reduce((a, b) => a + b) : -1;
    expect([n(all), n(even)]).toEqual([24, 12]);
  });

  it("answer null for a study that is not there", async () => {
    expect(await resultsView(db, { studyId: 987654, slug: "none", filters: {} })).toBeNull();
  });
});

describe.skipIf(!testServerUrl())("results snapshots while the data change", () => {
  const db = useTestDb("postgres");

  it("do not call numbers current when they were computed from data older than the request read", async () => {
    const { study, cs } = await judgedStudy(db, "snap-e");
    const args = { studyId: study.id, slug: "snap-e", filters: {} };
    // Hold the computation at its first read of prompts (the fingerprint never reads them).
    const locker = await (db as unknown as { $client: Pool }).$client.connect();
    await locker.query("begin");
    await locker.query("lock table prompts in access exclusive mode");
    const first = resultsView(db, args);
    await waitingOnLock(db);
    await lateTie(db, study.id, cs[0].id, "late-e");
    const second = resultsView(db, args); // reads the newer fingerprint, joins the running computation
    await new Promise((r) => setTimeout(r, 100));
    await locker.query("commit");
    locker.release();
    expect((await first)?.status).toBe("current");
    expect((await second)?.status).toBe("updating");
    // ... and the newer numbers follow, computed in the background.
    await untilStored(db, study.id, filtersKey({}), await resultsFingerprint(db, study.id));
  });
});

/** Until some session of this database waits on a lock. */
async function waitingOnLock(db: Db) {
  for (let i = 0; i < 200; i++) {
    const [{ n }] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`),
    );
    if (n > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("the computation never reached the locked table");
}
