import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { comparisons, studies, type Side, type Study } from "@/db/schema";
import { ImportError, importGoldFile, importItemsFile } from "@/features/imports";
import { statsDocument } from "@/features/results";
import { changeStudySettings } from "@/features/studies";
import { rowsOf, type Db } from "@/platform/db/client";
import { testTargets, useTestDb } from "@/test-utils/db";
import { makeAnnotators, makeStudy, rulesOf } from "@/test-utils/fixtures";
import { practiceFeedback, updateQuality } from "./quality";
import { submitJudgment } from "./queries/assignments";
import { annotatorAccess } from "./queries/enrollments";
import { generateAttentionChecks } from "./queries/checks";
import { nextAssignment } from "./queries/serving";
import type { Choice } from "./schemas";
import { annotationState } from "./state";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-quality-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, lines: unknown[]) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n"));
  return file;
};
const reload = async (db: Db, slug: string) =>
  (await db.select().from(studies).where(eq(studies.slug, slug)))[0];

/** The choice that gives `want` (relative to the columns) when the first column's response is shown on `side`. */
const choiceFor = (want: string, side: Side): Choice =>
  want === "tie" ? "tie" : (want === "reference") === (side === "left") ? "A" : "B";

type Expected = { check: string | null; expected: string | null };
async function expectedOf(db: Db, comparisonId: number): Promise<Expected> {
  const [c] = await db.select().from(comparisons).where(eq(comparisons.id, comparisonId));
  return { check: c.checkKind, expected: c.expectedVerdict };
}

/** A study of 100 prompts with 10 gold items (the reference wins) and 10 attention checks. */
async function studyWithChecks(db: Db, slug: string): Promise<Study> {
  await makeStudy(db, { slug, prompts: 100, baselines: ["b1"], onePerPrompt: false });
  const gold = Array.from({ length: 10 }, (_, i) => ({
    prompt_id: `p${i}`,
    baseline: "b1",
    expected: "ref",
    explanation: `The reference answers prompt ${i}.`,
  }));
  expect(await importGoldFile(db, { file: write(`${slug}-gold.jsonl`, gold), slug })).toMatchObject({
    gold: 10,
  });
  expect(await generateAttentionChecks(db, { study: slug, count: 10 })).toEqual({ created: 10, total: 10 });
  return reload(db, slug);
}

/** Labels until done with `answer` deciding each choice; returns the statuses after every verdict. */
async function label(
  db: Db,
  study: Study,
  userId: string,
  answer: (e: Expected, side: Side) => Choice,
  max = 60,
) {
  const statuses: string[] = [];
  for (let i = 0; i < max; i++) {
    const fresh = await reload(db, study.slug);
    const rules = rulesOf(fresh);
    const access = await annotatorAccess(db, { studyId: study.id, userId });
    if (access.kind !== "enrolled") throw new Error("not enrolled");
    const state = await annotationState(db, { study: access.study, rules, userId });
    if (!state.item) break;
    const [a] = rowsOf<{ comparison_id: number; reference_side: Side }>(
      await db.execute(
        sql`select comparison_id, reference_side from assignments where id = ${state.item.token}`,
      ),
    );
    const choice = answer(await expectedOf(db, a.comparison_id), a.reference_side);
    await submitJudgment(db, {
      rules,
      userId,
      token: state.item.token,
      choice,
      durationMs: 9000,
      requestId: randomUUID(),
    });
    statuses.push(await updateQuality(db, { studyId: study.id, userId, rules: rules.quality! }));
  }
  return statuses;
}

describe.each(testTargets())("crowd quality on %s", (target) => {
  const db = useTestDb(target);

  it("imports gold items atomically with line errors, and generates attention checks on other prompts", async () => {
    await makeStudy(db, { slug: "gold-import", prompts: 12, baselines: ["b1", "b2"] });
    const bad = write("bad-gold.jsonl", [
      { prompt_id: "p0", baseline: "b1", expected: "ref" },
      { prompt_id: "p99", baseline: "b1", expected: "ref" },
      { prompt_id: "p1", baseline: "b2", expected: "neither" },
    ]);
    const err = await importGoldFile(db, { file: bad, slug: "gold-import" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(String(err)).toContain(`${bad}:2: baseline: no comparison of "ref" and "b1" on prompt "p99"`);
    expect(String(err)).toContain(`${bad}:3: expected: "tie" or a model of the pair (ref, b2)`);
    const [{ n }] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from comparisons where check_kind is not null`),
    );
    expect(n).toBe(0);
    const ok = write("gold.jsonl", [
      { prompt_id: "p0", baseline: "b1", expected: "ref" },
      { prompt_id: "p1", baseline: "b2", expected: "tie" },
      { prompt_id: "p2", baseline: "b2", expected: "baseline" },
    ]);
    expect(await importGoldFile(db, { file: ok, slug: "gold-import" })).toMatchObject({ gold: 3 });
    const marked = rowsOf<{ expected: string; queued: boolean }>(
      await db.execute(sql`select c.expected_verdict::text as expected,
          exists (select 1 from comparison_queue q where q.comparison_id = c.id) as queued
        from comparisons c join prompts p on p.id = c.prompt_id where c.check_kind = 'gold' order by p.external_id`),
    );
    expect(marked).toEqual([
      { expected: "reference", queued: false },
      { expected: "tie", queued: false },
      { expected: "baseline", queued: false },
    ]);
    const made = await generateAttentionChecks(db, { study: "gold-import", count: 5 });
    expect(made).toEqual({ created: 5, total: 5 });
    expect(await generateAttentionChecks(db, { study: "gold-import", count: 5 })).toEqual({
      created: 0,
      total: 5,
    });
    // Each pairs a prompt's response with the same model's response to another prompt, the on-topic one expected.
    const checks = rowsOf<{ same_model: boolean; other_prompt: boolean; expected: string }>(
      await db.execute(sql`select ra.model_id = rb.model_id as same_model, rb.prompt_id <> c.prompt_id as other_prompt,
          c.expected_verdict::text as expected
        from comparisons c join responses ra on ra.id = c.reference_response_id
          join responses rb on rb.id = c.baseline_response_id where c.check_kind = 'attention'`),
    );
    expect(checks).toHaveLength(5);
    expect(checks.every((c) => c.same_model && c.other_prompt && c.expected === "reference")).toBe(true);
  });

  it("warns and then stops a careless annotator, never a careful one; checks never enter the results", async () => {
    let study = await studyWithChecks(db, "careless");
    await changeStudySettings(db, { slug: "careless", checkRate: 0.5, qcMinChecks: 5, qcMinAccuracy: 0.7 });
    study = await reload(db, "careless");
    const [careless, careful] = await makeAnnotators(db, study.id, 2, "qc");
    // Careless: "neither" every time, so every check is missed.
    const carelessStatuses = await label(db, study, careless.id, () => "tie");
    expect(carelessStatuses).toContain("warned");
    expect(carelessStatuses.at(-1)).toBe("stopped");
    expect(carelessStatuses.indexOf("warned")).toBeLessThan(carelessStatuses.indexOf("stopped"));
    const access = await annotatorAccess(db, { studyId: study.id, userId: careless.id });
    if (access.kind !== "enrolled") throw new Error("enrolled expected");
    const stoppedState = await annotationState(db, {
      study: access.study,
      rules: rulesOf(study),
      userId: careless.id,
    });
    expect(stoppedState.done).toEqual({ reason: "stopped", completion: null });

    // Careful: every check right, anything on real items.
    const carefulStatuses = await label(db, study, careful.id, (e, side) =>
      e.check ? choiceFor(e.expected!, side) : "A",
    );
    expect(carefulStatuses.every((s) => s === "active")).toBe(true);

    const doc = await statsDocument(db, { slug: "careless", filters: {} });
    if (doc.design !== "reference") throw new Error("reference expected");
    const [{ real }] = rowsOf<{ real: number }>(
      await db.execute(sql`select count(*)::int as real from judgments j join comparisons c on c.id = j.comparison_id
        where c.study_id = ${study.id} and c.check_kind is null`),
    );
    expect(doc.json.human.baselines.reduce((n, b) => n + b.n, 0)).toBe(real);
    const byStatus = Object.fromEntries(doc.json.annotators.map((a) => [a.status, a]));
    expect(byStatus.stopped.gold.correct).toBe(0);
    expect(byStatus.stopped.gold.seen).toBeGreaterThanOrEqual(10);
    expect(byStatus.active.gold.correct).toBe(byStatus.active.gold.seen);
  });

  it("serves swapped repeats whose answers count for consistency only, and practice items with feedback", async () => {
    let study = await studyWithChecks(db, "repeats");
    await changeStudySettings(db, { slug: "repeats", repeatRate: 0.4, practiceItems: 2 });
    study = await reload(db, "repeats");
    const [steady, flip] = await makeAnnotators(db, study.id, 2, "rep");
    // The first two items are practice: answered, with feedback; no judgment is stored for them.
    const rules = rulesOf(study);
    for (let i = 0; i < 2; i++) {
      const next = await nextAssignment(db, { rules, userId: steady.id, secret: "s" });
      if (next.kind !== "item") throw new Error("item expected");
      expect(next.purpose).toBe("practice");
      await submitJudgment(db, {
        rules,
        userId: steady.id,
        token: next.assignment.id,
        choice: "tie",
        requestId: randomUUID(),
      });
      expect(await practiceFeedback(db, { token: next.assignment.id, userId: steady.id })).toEqual({
        correct: false,
        expected: next.assignment.referenceSide === "left" ? "A" : "B",
        explanation: expect.stringMatching(/^The reference answers prompt \d\.$/),
      });
    }
    // Steady always prefers the first column's response, wherever shown; flip always presses A.
    await label(db, study, steady.id, (_e, side) => choiceFor("reference", side), 40);
    await label(db, study, flip.id, () => "A", 40);
    const counts = rowsOf<{
      pseudonym: string;
      repeats: number;
      consistent: number;
      practice_judgments: number;
    }>(
      await db.execute(sql`select u.pseudonym,
          (select count(*)::int from assignments a where a.user_id = u.id and a.purpose = 'repeat' and a.status = 'done') as repeats,
          (select count(*)::int from assignments a join judgments j on j.comparison_id = a.comparison_id and j.user_id = a.user_id
            where a.user_id = u.id and a.purpose = 'repeat' and a.answer = j.verdict) as consistent,
          (select count(*)::int from assignments a join judgments j on j.comparison_id = a.comparison_id and j.user_id = a.user_id
            where a.user_id = u.id and a.purpose = 'practice') as practice_judgments
        from users u where u.id in (${steady.id}, ${flip.id}) order by u.id = ${steady.id} desc`),
    );
    expect(counts[0].repeats).toBeGreaterThan(0);
    expect(counts[0].consistent).toBe(counts[0].repeats);
    expect(counts[0].practice_judgments).toBe(0);
    expect(counts[1].repeats).toBeGreaterThan(0);
    expect(counts[1].consistent).toBe(0); // the other side: "A" is now the other response
    // A repeat never counts twice: one judgment per annotator and comparison.
    const [{ dup }] = rowsOf<{ dup: number }>(
      await db.execute(sql`select count(*)::int as dup from (select comparison_id, user_id from judgments
        group by 1, 2 having count(*) > 1) x`),
    );
    expect(dup).toBe(0);
  });

  it("finds responses naming their model at import; masks them or holds their comparisons out", async () => {
    const rows = Array.from({ length: 6 }, (_, i) => ({
      prompt_id: `q${i}`,
      prompt: `Question ${i}`,
      responses: {
        "model-x": i === 0 ? "As an AI developed by OpenAI, I think the answer is 4." : `Answer ${i} from x.`,
        "model-y": `Answer ${i} from y.`,
      },
    }));
    await importItemsFile(db, { file: write("leaks.jsonl", rows), slug: "leaky", reference: "model-x" });
    let study = await reload(db, "leaky");
    const stats = await statsDocument(db, { slug: "leaky", filters: {} });
    expect(stats.json.leaks).toEqual({ responses: 1, held_out: 0 });
    await changeStudySettings(db, { slug: "leaky", leakPolicy: "mask", onePerPrompt: false });
    study = await reload(db, "leaky");
    const [a] = await makeAnnotators(db, study.id, 1, "leak");
    const texts: string[] = [];
    for (;;) {
      const next = await nextAssignment(db, { rules: rulesOf(study), userId: a.id, secret: "s" });
      if (next.kind !== "item") break;
      texts.push(next.content.left, next.content.right);
      await submitJudgment(db, {
        rules: rulesOf(study),
        userId: a.id,
        token: next.assignment.id,
        choice: "A",
        requestId: randomUUID(),
      });
    }
    expect(texts).toContain("<p>[…] […], I think the answer is 4.</p>");
    expect(texts.join(" ")).not.toMatch(/OpenAI/);

    await changeStudySettings(db, { slug: "leaky", leakPolicy: "hold_out" });
    expect((await statsDocument(db, { slug: "leaky", filters: {} })).json.leaks).toEqual({
      responses: 1,
      held_out: 1,
    });
    const [{ queued }] = rowsOf<{ queued: number }>(
      await db.execute(
        sql`select count(*)::int as queued from comparison_queue where study_id = ${study.id}`,
      ),
    );
    expect(queued).toBe(5);
    await changeStudySettings(db, { slug: "leaky", leakPolicy: "serve" });
    const [{ back }] = rowsOf<{ back: number }>(
      await db.execute(sql`select count(*)::int as back from comparison_queue where study_id = ${study.id}`),
    );
    expect(back).toBe(6);
  });

  it("refuses a verdict without a rationale where the study requires one, and takes it with one", async () => {
    await makeStudy(db, { slug: "why", prompts: 3 });
    await changeStudySettings(db, { slug: "why", rationaleRequired: true });
    const study = await reload(db, "why");
    const [a] = await makeAnnotators(db, study.id, 1, "why");
    const next = await nextAssignment(db, { rules: rulesOf(study), userId: a.id, secret: "s" });
    if (next.kind !== "item") throw new Error("item expected");
    const submit = (rationale?: string) =>
      submitJudgment(db, {
        rules: rulesOf(study),
        userId: a.id,
        token: next.assignment.id,
        choice: "A",
        rationale,
        requestId: randomUUID(),
      });
    await expect(submit()).rejects.toMatchObject({ code: "rationale_required" });
    await expect(submit("   ")).rejects.toMatchObject({ code: "rationale_required" });
    expect(await submit("B rambles.")).toBe("stored");
  });

  it("marks gold items of a rating study by label", async () => {
    const rows = [{ prompt_id: "r1", prompt: "Say hi", responses: { m1: "hi", m2: "no" } }];
    await importItemsFile(db, {
      file: write("rate.jsonl", rows),
      slug: "rate-gold",
      design: "rating",
      scale: ["Fail", "Pass", "Excellent"],
    });
    const bad = write("rate-gold-bad.jsonl", [{ prompt_id: "r1", model: "m2", expected: "Great" }]);
    await expect(importGoldFile(db, { file: bad, slug: "rate-gold" })).rejects.toThrow(
      `${bad}:1: expected: one of the scale's labels: Fail, Pass, Excellent`,
    );
    const ok = write("rate-gold.jsonl", [{ prompt_id: "r1", model: "m2", expected: "Fail" }]);
    expect(await importGoldFile(db, { file: ok, slug: "rate-gold" })).toMatchObject({ gold: 1 });
    const [row] = rowsOf<{ rating: number }>(
      await db.execute(sql`select c.expected_rating as rating from comparisons c join studies s on s.id = c.study_id
        where s.slug = 'rate-gold' and c.check_kind = 'gold'`),
    );
    expect(row.rating).toBe(0);
  });
});
