import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import Papa from "papaparse";
import { afterAll, describe, expect, it } from "vitest";
import { studies, type Study } from "@/db/schema";
import { submitJudgment } from "@/features/annotation/queries/assignments";
import { nextAssignment } from "@/features/annotation/queries/serving";
import { importItemsFile, importJudgmentsFile } from "@/features/imports/run";
import { filterOptions } from "./queries";
import { resultsView } from "./snapshot";
import { testTargets, useTestDb } from "@/test-utils/db";
import { makeAnnotators, rulesOf } from "@/test-utils/fixtures";
import { exportStudy } from "./export/export";
import { ratingResults } from "./rating";
import { krippendorffAlpha } from "./stats/agreement";
import { ratingJson } from "./stats-json";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-rating-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const LIMA = ["Fail", "Pass", "Excellent"];

const write = (name: string, lines: unknown[]) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n"));
  return file;
};

async function setUp(db: ReturnType<typeof useTestDb>, slug: string, overlapK: number) {
  const [study] = await db
    .update(studies)
    .set({ overlapK, onePerPrompt: false })
    .where(eq(studies.slug, slug))
    .returning();
  return study;
}

/** Every annotator rates every item it is served with `rate(text of the response or its turns)`. */
async function labelAll(
  db: ReturnType<typeof useTestDb>,
  study: Study,
  users: { id: string }[],
  rate: (user: number, texts: string[]) => number[],
) {
  let n = 0;
  for (const [u, user] of users.entries())
    for (;;) {
      const next = await nextAssignment(db, { rules: rulesOf(study), userId: user.id, secret: "s" });
      if (next.kind !== "item") break;
      const texts = next.content.turns ?? [next.content.right];
      expect(next.content.left).toBe(next.content.right); // one response in both columns
      await submitJudgment(db, {
        rules: rulesOf(study),
        userId: user.id,
        token: next.assignment.id,
        ratings: rate(u, texts),
        requestId: randomUUID(),
      });
      n++;
    }
  return n;
}

describe.each(testTargets())("rating design on %s", (target) => {
  const db = useTestDb(target);

  it("rates single responses through the labelling API; stats give distributions, intervals and agreement", async () => {
    const items = write(
      `items-${target}.jsonl`,
      Array.from({ length: 12 }, (_, i) => ({
        prompt_id: `r${String(i).padStart(2, "0")}`,
        prompt: `Question ${i}`,
        responses: { good: `good answer ${i}`, bad: `bad answer ${i}` },
      })),
    );
    await importItemsFile(db, { file: items, slug: "rate", design: "rating", scale: LIMA });
    const study = await setUp(db, "rate", 4); // room for a fourth annotator's refused attempts
    expect(study.scale).toEqual(LIMA);
    const users = await makeAnnotators(db, study.id, 3, "rater");
    // "good": Excellent, except annotator 2 says Pass; "bad": Fail.
    const n = await labelAll(db, study, users, (u, [t]) => [t.startsWith("<p>good") ? (u === 2 ? 1 : 2) : 0]);
    expect(n).toBe(72);
    // A verdict, too many ratings or a label off the scale are refused with a clear error.
    const [extra] = await makeAnnotators(db, study.id, 1, "odd");
    const next = await nextAssignment(db, { rules: rulesOf(study), userId: extra.id, secret: "s" });
    if (next.kind !== "item") throw new Error("an item");
    const attempt = (body: { choice?: "A"; ratings?: number[] }) =>
      submitJudgment(db, {
        rules: rulesOf(study),
        userId: extra.id,
        token: next.assignment.id,
        requestId: randomUUID(),
        ...body,
      });
    await expect(attempt({ choice: "A" })).rejects.toThrow(/This study rates responses/);
    await expect(attempt({ ratings: [1, 1] })).rejects.toThrow(/This study rates responses/);
    await expect(attempt({ ratings: [3] })).rejects.toThrow(/This study rates responses/);

    const json = ratingJson((await ratingResults(db, { slug: "rate" }))!);
    expect(json.design).toBe("rating");
    // The results page's stored numbers, through jsonb and back, are the ones computed directly.
    const view = await resultsView(db, { studyId: study.id, slug: "rate", filters: {} });
    expect(view?.status === "current" && view.results).toEqual({
      design: "rating",
      rating: await ratingResults(db, { slug: "rate" }),
      options: await filterOptions(db, study.id),
    });
    expect(json.ratings.scale).toEqual(LIMA);
    const [bad, good] = json.ratings.models;
    expect(bad).toMatchObject({ model: "bad", n: 36, counts: { Fail: 36, Pass: 0, Excellent: 0 } });
    expect(good).toMatchObject({
      model: "good",
      n: 36,
      prompts: 12,
      counts: { Fail: 0, Pass: 12, Excellent: 24 },
    });
    expect(good.rates.Excellent).toBeCloseTo(2 / 3, 12);
    // Every prompt alike: each interval is the share itself.
    expect(good.ci95.Excellent![0]).toBeCloseTo(2 / 3, 12);
    expect("mean" in good).toBe(false);
    // Agreement: 24 units; alpha as the general function gives on their counts (Fail, Pass, Excellent).
    expect(json.ratings.agreement.units).toBe(24);
    const units = [...Array(12).fill([0, 1, 2]), ...Array(12).fill([3, 0, 0])];
    expect(json.ratings.agreement.krippendorff_alpha).toBeCloseTo(krippendorffAlpha(units, "ordinal")!, 12);
    expect(json.ratings.agreement.weighted_kappa).toHaveLength(3);
    expect(json.ratings.by_turn).toBeUndefined();

    // Imported ratings: a label off the scale, an unknown model and a turn on a single answer are named by line.
    const bad1 = write(`bad-${target}.jsonl`, [
      { prompt_id: "r00", model: "good", rating: "Great", annotator: "imp", kind: "human" },
      { prompt_id: "r00", model: "nobody", rating: "Pass", annotator: "imp", kind: "human" },
      { prompt_id: "r00", model: "good", rating: "Pass", annotator: "imp", kind: "human", turn: 1 },
      { prompt_id: "r00", model_a: "good", model_b: "bad", winner: "tie", annotator: "imp", kind: "human" },
    ]);
    const err = await importJudgmentsFile(db, { file: bad1, slug: "rate" }).catch((e: Error) => e.message);
    expect(err).toContain(`:1: rating: "Great" is not a label of the study's scale (Fail, Pass, Excellent)`);
    expect(err).toContain(`:2: model: no response of "nobody" to prompt "r00" in this study`);
    expect(err).toContain(":3: turn: this response is a single answer: leave turn out");
    expect(err).toContain(":4: rating: this study rates one response at a time: give model and rating");
    const ok = write(`ok-${target}.jsonl`, [
      { prompt_id: "r00", model: "bad", rating: "Pass", annotator: "imp", kind: "human" },
      { prompt_id: "r01", model: "bad", rating: "Excellent", annotator: "judge-x", kind: "judge" },
    ]);
    await importJudgmentsFile(db, { file: ok, slug: "rate" });
    const again = await importJudgmentsFile(db, { file: ok, slug: "rate" });
    expect(again).toMatchObject({ written: 0, unchanged: 2 });
    const after = ratingJson((await ratingResults(db, { slug: "rate" }))!);
    expect(after.ratings.models[0].counts).toEqual({ Fail: 36, Pass: 1, Excellent: 0 }); // judges apart

    const csv = await new Response(
      await exportStudy(db, "rate", { kind: "judgments", format: "csv" }),
    ).text();
    const rows = Papa.parse<Record<string, string>>(csv.trim(), { header: true }).data;
    expect(rows).toHaveLength(72 + 2);
    expect(rows.find((r) => r.model === "bad" && r.rating === "Pass")).toMatchObject({
      turn: "",
      prompt_id: "r00",
    });
  });

  it("rates multi-turn responses turn by turn, keeps turns a later file leaves out, and reports by turn", async () => {
    const messages = [
      { role: "user", content: "First question" },
      { role: "user", content: "A follow-up" },
    ];
    const badItems = write(`turns-bad-${target}.jsonl`, [
      { prompt_id: "t0", messages, responses: { m: ["only one turn"] } },
    ]);
    await expect(
      importItemsFile(db, { file: badItems, slug: "turns", design: "rating", scale: LIMA }),
    ).rejects.toThrow(/:1: responses.m: 1 assistant turns for 2 user messages/);
    await expect(
      importItemsFile(db, { file: badItems, slug: "turns-ref", reference: "m" }),
    ).rejects.toThrow();
    const items = write(
      `turns-${target}.jsonl`,
      Array.from({ length: 10 }, (_, i) => ({
        prompt_id: `t${i}`,
        messages,
        responses: { m: [`first turn ${i}`, `second turn ${i}`] },
      })),
    );
    await importItemsFile(db, { file: items, slug: "turns", design: "rating", scale: LIMA });
    const study = await setUp(db, "turns", 2);
    const users = await makeAnnotators(db, study.id, 2, "turner");
    // Turn 1 Excellent, turn 2 Fail, from both annotators.
    await labelAll(db, study, users, (_, texts) => {
      expect(texts).toHaveLength(2);
      return [2, 0];
    });
    const json = ratingJson((await ratingResults(db, { slug: "turns" }))!);
    expect(json.ratings.models[0]).toMatchObject({ model: "m", n: 40 });
    expect(json.ratings.by_turn!.map((t) => [t.turn, t.rates.Excellent, t.rates.Fail])).toEqual([
      [1, 1, 0],
      [2, 0, 1],
    ]);
    // Imported per-turn ratings: turn out of range named; a later file with turn 2 only keeps turn 1.
    const outOfRange = write(`turns-oor-${target}.jsonl`, [
      { prompt_id: "t0", model: "m", rating: "Pass", annotator: "imp", kind: "human", turn: 3 },
    ]);
    await expect(importJudgmentsFile(db, { file: outOfRange, slug: "turns" })).rejects.toThrow(
      /:1: turn: this response has 2 turns: give the turn rated, 1 to 2/,
    );
    const first = write(`turns-1-${target}.jsonl`, [
      { prompt_id: "t0", model: "m", rating: "Pass", annotator: "imp", kind: "human", turn: 1 },
      { prompt_id: "t0", model: "m", rating: "Pass", annotator: "imp", kind: "human", turn: 2 },
    ]);
    await importJudgmentsFile(db, { file: first, slug: "turns" });
    const second = write(`turns-2-${target}.jsonl`, [
      { prompt_id: "t0", model: "m", rating: "Excellent", annotator: "imp", kind: "human", turn: 2 },
    ]);
    await importJudgmentsFile(db, { file: second, slug: "turns" });
    const csv = await new Response(
      await exportStudy(db, "turns", { kind: "judgments", format: "csv" }),
    ).text();
    const imp = Papa.parse<Record<string, string>>(csv.trim(), { header: true }).data.filter(
      (r) => r.prompt_id === "t0" && r.rating !== "Excellent" && r.rating !== "Fail",
    );
    expect(imp.map((r) => [r.turn, r.rating])).toEqual([["1", "Pass"]]);
  });
});
