import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/platform/db/client";
import { assignments, judgments } from "@/db/schema";
import { testTargets, useTestDb } from "@/test-utils/db";
import { makeAnnotators, makeStudy, rulesOf } from "@/test-utils/fixtures";
import { AppError } from "@/platform/errors";
import { passAssignment, submitJudgment, type StudyRules } from "./assignments";
import { nextAssignment } from "./serving";

const secret = "test-secret";

async function serve(db: Db, rules: StudyRules, userId: string) {
  const r = await nextAssignment(db, { rules, userId, secret });
  if (r.kind === "item") return r.assignment;
  return r.kind === "done" ? { kind: r.kind, reason: r.reason } : { kind: r.kind };
}

describe.each(testTargets())("assignment on %s", (target) => {
  const db = useTestDb(target);

  it("40 concurrent annotators fill every comparison to exactly k = 3, never judging one twice", async () => {
    const study = await makeStudy(db, { slug: "race", prompts: 20, baselines: ["b1", "b2"], overlapK: 3 });
    const rules = rulesOf(study);
    const annotators = await makeAnnotators(db, study.id, 40);
    const acknowledged: { requestId: string; userId: string }[] = [];
    let duplicates = 0;
    await Promise.all(
      annotators.map(async (u, i) => {
        for (;;) {
          const item = await serve(db, rules, u.id);
          if (!("id" in item)) {
            if (item.kind === "busy") continue;
            return;
          }
          const requestId = randomUUID();
          const input = {
            rules,
            userId: u.id,
            token: item.id,
            choice: (["A", "B", "tie"] as const)[i % 3],
            requestId,
            durationMs: 1000,
          };
          expect(await submitJudgment(db, input)).toBe("stored");
          acknowledged.push({ requestId, userId: u.id });
          // One in five submissions is sent again, as a retrying client would.
          if (acknowledged.length % 5 === 0) {
            expect(await submitJudgment(db, input)).toBe("duplicate");
            duplicates++;
          }
        }
      }),
    );
    const perComparison = await db.execute(sql`select c.id, count(j.id)::int as n from comparisons c
      left join judgments j on j.comparison_id = c.id where c.study_id = ${study.id} group by c.id`);
    const counts = (perComparison as unknown as { rows: { n: number }[] }).rows.map((r) => r.n);
    expect(counts).toHaveLength(40);
    expect(counts.every((n) => n === 3)).toBe(true);
    expect(acknowledged).toHaveLength(120);
    expect(duplicates).toBe(24);
    const stored = await db
      .select({ id: judgments.clientRequestId })
      .from(judgments)
      .where(sql`${judgments.userId} is not null`);
    const storedIds = new Set(stored.map((s) => s.id));
    expect(acknowledged.every((a) => storedIds.has(a.requestId))).toBe(true);
    // The trigger-kept queue agrees with a count from scratch (live human judgments + active leases).
    const drift =
      await db.execute(sql`select q.comparison_id from comparison_queue q join comparisons c on c.id = q.comparison_id
      where c.study_id = ${study.id} and q.human_load <> (select count(*) from judgments j where j.comparison_id = q.comparison_id and j.kind = 'human')
        + (select count(*) from assignments a where a.comparison_id = q.comparison_id and a.status = 'active')`);
    expect((drift as unknown as { rows: unknown[] }).rows).toEqual([]);
  });

  it("serves the item's own texts, reference on the leased side, and counts the annotator's verdicts", async () => {
    const study = await makeStudy(db, { slug: "texts", prompts: 3 });
    const rules = rulesOf(study);
    const [u] = await makeAnnotators(db, study.id, 1);
    for (let judged = 0; judged < 3; judged++) {
      const r = await nextAssignment(db, { rules, userId: u.id, secret });
      if (r.kind !== "item") throw new Error("expected an item");
      expect(r.judged).toBe(judged);
      const n = r.content.prompt.html!.replace(/<\/?p>/g, "").replace("Prompt number ", "");
      const reference = `<p>Reference answer ${n}</p>`;
      const baseline = `<p>base-1 answer ${n}</p>`;
      expect([r.content.left, r.content.right]).toEqual(
        r.assignment.referenceSide === "left" ? [reference, baseline] : [baseline, reference],
      );
      // Asking again returns the same lease and texts.
      expect(await nextAssignment(db, { rules, userId: u.id, secret })).toEqual(r);
      await submitJudgment(db, {
        rules,
        userId: u.id,
        token: r.assignment.id,
        choice: "tie",
        requestId: randomUUID(),
      });
    }
    expect(await nextAssignment(db, { rules, userId: u.id, secret })).toEqual({
      kind: "done",
      reason: "exhausted",
      judged: 3,
    });
  });

  it("balances sides per annotator: the reference is left in exactly half of each block of eight items", async () => {
    const study = await makeStudy(db, { slug: "sides", prompts: 24 });
    const rules = rulesOf(study);
    const [u] = await makeAnnotators(db, study.id, 1);
    for (let i = 0; i < 24; i++) {
      const a = await serve(db, rules, u.id);
      if (!("id" in a)) throw new Error("expected an item");
      await submitJudgment(db, { rules, userId: u.id, token: a.id, choice: "A", requestId: randomUUID() });
    }
    const rows = await db.select().from(judgments).where(eq(judgments.userId, u.id));
    expect(rows.filter((r) => r.referenceSide === "left")).toHaveLength(12);
    // Choosing A means choosing whatever was on the left: the stored verdict follows the side shown.
    for (const r of rows) expect(r.verdict).toBe(r.referenceSide === "left" ? "reference" : "baseline");
  });

  it("a lease holds the last slot; when it expires the item returns to the pool", async () => {
    const study = await makeStudy(db, { slug: "lease", prompts: 1, overlapK: 1 });
    const rules = rulesOf(study);
    const [a, b] = await makeAnnotators(db, study.id, 2);
    const leased = await serve(db, rules, a.id);
    if (!("id" in leased)) throw new Error("expected an item");
    expect(await serve(db, rules, a.id)).toMatchObject({ id: leased.id });
    // Only leased slots are left: b is asked to come back, not told the study is done (no completion code).
    expect(await serve(db, rules, b.id)).toEqual({ kind: "wait" });
    await db
      .update(assignments)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(assignments.id, leased.id));
    const taken = await serve(db, rules, b.id);
    expect(taken).toMatchObject({ comparisonId: leased.comparisonId, userId: b.id });
    const late = submitJudgment(db, {
      rules,
      userId: a.id,
      token: leased.id,
      choice: "A",
      requestId: randomUUID(),
    });
    await expect(late).rejects.toMatchObject({ code: "slot_taken" });
    const [released] = await db.select().from(assignments).where(eq(assignments.id, leased.id));
    expect(released.status).toBe("expired");
    // Once b lets the item go, the slot is free again: a's late verdict on the released lease is taken.
    if (!("id" in taken)) throw new Error("expected an item");
    await passAssignment(db, { rules, userId: b.id, token: taken.id });
    expect(
      await submitJudgment(db, {
        rules,
        userId: a.id,
        token: leased.id,
        choice: "A",
        requestId: randomUUID(),
      }),
    ).toBe("stored");
    expect(await serve(db, rules, b.id)).toEqual({ kind: "done", reason: "exhausted" });
  });

  it("when every slot is held by an expired lease, concurrent annotators all get one of the released items", async () => {
    const study = await makeStudy(db, { slug: "release", prompts: 10, overlapK: 1 });
    const rules = rulesOf(study);
    const ghosts = await makeAnnotators(db, study.id, 10, "ghost");
    for (const g of ghosts) expect(await serve(db, rules, g.id)).toHaveProperty("id");
    await db
      .update(assignments)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(assignments.studyId, study.id));
    const late = await makeAnnotators(db, study.id, 10, "late");
    const served = await Promise.all(late.map((u) => serve(db, rules, u.id)));
    const comparisons = served.map((s) => ("comparisonId" in s ? s.comparisonId : s.kind));
    expect(new Set(comparisons).size).toBe(10);
    expect(comparisons.every((c) => typeof c === "number")).toBe(true);
  });

  it("skip returns an item to others and never serves it to the skipper again; flags record a reason", async () => {
    const study = await makeStudy(db, { slug: "skip", prompts: 2, overlapK: 1 });
    const rules = rulesOf(study);
    const [a, b] = await makeAnnotators(db, study.id, 2);
    const first = await serve(db, rules, a.id);
    if (!("id" in first)) throw new Error("expected an item");
    await passAssignment(db, { rules, userId: a.id, token: first.id });
    await passAssignment(db, { rules, userId: a.id, token: first.id });
    const second = await serve(db, rules, a.id);
    if (!("id" in second)) throw new Error("expected an item");
    expect(second.comparisonId).not.toBe(first.comparisonId);
    await passAssignment(db, {
      rules,
      userId: a.id,
      token: second.id,
      flag: { reason: "offensive", note: "slur" },
    });
    expect(await serve(db, rules, a.id)).toEqual({ kind: "done", reason: "exhausted" });
    const forB = await serve(db, rules, b.id);
    expect(forB).toMatchObject({ userId: b.id });
    const [flagged] = await db.select().from(assignments).where(eq(assignments.id, second.id));
    expect(flagged).toMatchObject({ status: "flagged", flagReason: "offensive", flagNote: "slur" });
    const other = submitJudgment(db, {
      rules,
      userId: b.id,
      token: first.id,
      choice: "A",
      requestId: randomUUID(),
    });
    await expect(other).rejects.toBeInstanceOf(AppError);
  });

  it("quota stops serving; a verdict can be changed until ten more are finished; replays never overwrite a revision", async () => {
    const study = await makeStudy(db, { slug: "quota", prompts: 14, quota: 12 });
    const rules = rulesOf(study);
    const [u] = await makeAnnotators(db, study.id, 1);
    const tokens: string[] = [];
    const firstRequest = randomUUID();
    for (let i = 0; i < 12; i++) {
      const a = await serve(db, rules, u.id);
      if (!("id" in a)) throw new Error("expected an item");
      tokens.push(a.id);
      await submitJudgment(db, {
        rules,
        userId: u.id,
        token: a.id,
        choice: "A",
        requestId: i === 2 ? firstRequest : randomUUID(),
      });
    }
    expect(await serve(db, rules, u.id)).toEqual({ kind: "done", reason: "quota" });
    // Items 3..12 are the last ten finished: item 2 (ten after it) is closed, item 3 is not.
    await expect(
      submitJudgment(db, { rules, userId: u.id, token: tokens[1], choice: "B", requestId: randomUUID() }),
    ).rejects.toMatchObject({
      code: "revision_closed",
    });
    expect(
      await submitJudgment(db, {
        rules,
        userId: u.id,
        token: tokens[2],
        choice: "tie",
        requestId: randomUUID(),
      }),
    ).toBe("revised");
    // The first submission of item 3 arrives again late: it must not undo the revision.
    expect(
      await submitJudgment(db, {
        rules,
        userId: u.id,
        token: tokens[2],
        choice: "A",
        requestId: firstRequest,
      }),
    ).toBe("duplicate");
    const [a3] = await db.select().from(assignments).where(eq(assignments.id, tokens[2]));
    const [j3] = await db
      .select()
      .from(judgments)
      .where(and(eq(judgments.comparisonId, a3.comparisonId), eq(judgments.userId, u.id)));
    expect(j3.verdict).toBe("tie");
    const count = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(judgments)
      .where(eq(judgments.userId, u.id));
    expect(count[0].n).toBe(12);
  });
});
