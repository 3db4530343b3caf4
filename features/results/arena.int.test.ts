import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import Papa from "papaparse";
import { afterAll, describe, expect, it } from "vitest";
import { studies } from "@/db/schema";
import { submitJudgment } from "@/features/annotation/queries/assignments";
import { nextAssignment } from "@/features/annotation/queries/serving";
import { ImportError } from "@/features/imports/errors";
import { importItemsFile, importJudgmentsFile } from "@/features/imports/run";
import { filterOptions } from "./queries";
import { resultsView } from "./snapshot";
import { testTargets, useTestDb } from "@/test-utils/db";
import { makeAnnotators, rulesOf } from "@/test-utils/fixtures";
import { passAssignment } from "@/features/annotation/queries/assignments";
import { changeStudySettings } from "@/features/studies";
import { arenaResults, prioritiseUncertainPairs } from "./arena";
import { exportStudy } from "./export/export";
import { arenaJson } from "./stats-json";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-arena-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// Four models, strongest first; names sort differently from strength, so "first by name" is not "best".
const STRENGTH = ["delta", "alpha", "charlie", "bravo"];
const PROMPTS = 12;

function writeItems(file: string) {
  const lines = Array.from({ length: PROMPTS }, (_, i) =>
    JSON.stringify({
      prompt_id: `q${String(i).padStart(2, "0")}`,
      prompt: `Question ${i}`,
      responses: Object.fromEntries(STRENGTH.map((m) => [m, `answer of ${m} to ${i}`])),
    }),
  );
  fs.writeFileSync(file, lines.join("\n"));
}

/** The model of a served response (served as HTML: "<p>answer of alpha ..."). */
const modelOf = (html: string) => STRENGTH.find((m) => html.startsWith(`<p>answer of ${m} `))!;

describe.each(testTargets())("all-pairs design on %s", (target) => {
  const db = useTestDb(target);

  it("imports every pair, serves them blinded, and ranks models from the labelling API's verdicts", async () => {
    const items = path.join(tmp, `items-${target}.jsonl`);
    writeItems(items);
    const summary = await importItemsFile(db, { file: items, slug: "arena", design: "all_pairs" });
    expect(summary.comparisons.total).toBe(PROMPTS * 6);
    const [study] = await db
      .update(studies)
      .set({ overlapK: 3, onePerPrompt: false })
      .where(eq(studies.slug, "arena"))
      .returning();
    expect([study.design, study.referenceModelId]).toEqual(["all_pairs", null]);
    // Three annotators label every comparison; each picks the stronger model's response, except on every fifth
    // item, where it says neither.
    const annotators = await makeAnnotators(db, study.id, 3);
    let labelled = 0;
    for (const u of annotators) {
      for (;;) {
        const next = await nextAssignment(db, {
          rules: rulesOf(study),
          userId: u.id,
          secret: "arena-secret",
        });
        if (next.kind !== "item") break;
        const [left, right] = [modelOf(next.content.left), modelOf(next.content.right)];
        const better = STRENGTH.indexOf(left) < STRENGTH.indexOf(right) ? "A" : "B";
        labelled++;
        await submitJudgment(db, {
          rules: rulesOf(study),
          userId: u.id,
          token: next.assignment.id,
          choice: labelled % 5 === 0 ? "tie" : better,
          requestId: randomUUID(),
        });
      }
    }
    expect(labelled).toBe(PROMPTS * 6 * 3);
    const json = arenaJson((await arenaResults(db, { slug: "arena" }))!);
    expect(json.design).toBe("all-pairs");
    // The results page's stored numbers, through jsonb and back, are the ones computed directly.
    const view = await resultsView(db, { studyId: study.id, slug: "arena", filters: {} });
    expect(view?.status === "current" && view.results).toEqual({
      design: "arena",
      arena: await arenaResults(db, { slug: "arena" }),
      options: await filterOptions(db, study.id),
    });
    expect(json.ranking.map((m) => m.model)).toEqual(STRENGTH);
    expect(json.ranking.find((m) => m.model === "alpha")!.elo).toBe(1000);
    for (const m of json.ranking) expect(m.n).toBe(PROMPTS * 3 * 3);
    expect(json.ranking[0].rank).toBe(1);
    expect(json.pairs).toHaveLength(6);
    for (const p of json.pairs) {
      expect(p.model_a < p.model_b).toBe(true);
      expect(p.a_wins + p.ties + p.b_wins).toBe(PROMPTS * 3);
      const aBetter = STRENGTH.indexOf(p.model_a) < STRENGTH.indexOf(p.model_b);
      expect(aBetter ? p.b_wins : p.a_wins).toBe(0);
    }
    expect(json.agreement.comparisons).toBe(PROMPTS * 6);
  });

  it("imports verdicts between any two models, refuses a model with no response, and exports the pair", async () => {
    const file = path.join(tmp, `verdicts-${target}.jsonl`);
    const row = (model_a: string, model_b: string, winner: string, annotator = "imp-1") =>
      JSON.stringify({ prompt_id: "q00", model_a, model_b, winner, annotator, kind: "human" });
    const pair = (a: string, b: string) =>
      arenaResults(db, { slug: "arena" }).then((r) =>
        r!.pairs.find((p) => p.modelA === a && p.modelB === b)!,
      );
    const [ab, cd] = [await pair("alpha", "bravo"), await pair("charlie", "delta")];
    fs.writeFileSync(file, [row("bravo", "alpha", "model_a"), row("charlie", "delta", "tie")].join("\n"));
    await importJudgmentsFile(db, { file, slug: "arena" });
    // bravo beat alpha: alpha is model_a of the stored pair (first by name), so one more b-win there.
    expect(await pair("alpha", "bravo")).toEqual({ ...ab, bWins: ab.bWins + 1 });
    expect(await pair("charlie", "delta")).toEqual({ ...cd, ties: cd.ties + 1 });
    const bad = path.join(tmp, `bad-${target}.jsonl`);
    fs.writeFileSync(bad, [row("alpha", "bravo", "tie"), row("alpha", "zulu", "tie")].join("\n"));
    const err = await importJudgmentsFile(db, { file: bad, slug: "arena" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(String((err as Error).message)).toContain(':2: model_b: no response of "zulu" to prompt "q00"');

    const csv = await new Response(
      await exportStudy(db, "arena", { kind: "judgments", format: "csv" }),
    ).text();
    const parsed = Papa.parse<Record<string, string>>(csv.trim(), { header: true });
    expect(parsed.meta.fields!.slice(0, 8)).toEqual([
      "study",
      "prompt_id",
      "category",
      "model_a",
      "model_b",
      "winner",
      "winner_model",
      "model_a_side_shown",
    ]);
    const imported = parsed.data.find(
      (r) => r.model_a === "alpha" && r.model_b === "bravo" && r.winner_model === "bravo",
    );
    expect(imported?.winner).toBe("model_b");
    const summary = await new Response(
      await exportStudy(db, "arena", { kind: "summary", format: "jsonl" }),
    ).text();
    expect(
      summary
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).model),
    ).toEqual(STRENGTH);
  });

  it("serves the least certain pair first when the study asks for it, and balanced otherwise", async () => {
    // Three models on 20 prompts. Verdicts on prompts 0-9: alpha vs bravo by three raters each, alpha vs charlie by
    // one; bravo vs charlie never met directly. Prompts 10-19 are unjudged: which pair does a new annotator get?
    const file = path.join(tmp, `uncertain-${target}.jsonl`);
    fs.writeFileSync(
      file,
      Array.from({ length: 20 }, (_, i) =>
        JSON.stringify({
          prompt_id: `u${String(i).padStart(2, "0")}`,
          prompt: `Q${i}`,
          responses: { alpha: `a${i}`, bravo: `b${i}`, charlie: `c${i}` },
        }),
      ).join("\n"),
    );
    await importItemsFile(db, { file, slug: "uncertain", design: "all_pairs" });
    const verdicts = path.join(tmp, `uncertain-verdicts-${target}.jsonl`);
    const line = (p: number, b: string, annotator: string, winner: string) =>
      JSON.stringify({ prompt_id: `u0${p}`, model_a: "alpha", model_b: b, winner, annotator, kind: "human" });
    fs.writeFileSync(
      verdicts,
      Array.from({ length: 10 }, (_, p) => [
        line(p, "bravo", "x1", p % 3 ? "model_a" : "model_b"),
        line(p, "bravo", "x2", p % 2 ? "model_a" : "tie"),
        line(p, "bravo", "x3", p % 4 ? "model_b" : "model_a"),
        line(p, "charlie", "x1", p % 2 ? "model_a" : "model_b"),
      ])
        .flat()
        .join("\n"),
    );
    await importJudgmentsFile(db, { file: verdicts, slug: "uncertain" });
    await importItemsFile(db, { file, slug: "uncertain-ref", reference: "alpha" });
    await expect(changeStudySettings(db, { slug: "uncertain-ref", pairOrder: "uncertain" })).rejects.toThrow(
      /not an all-pairs study/,
    );
    const study = await changeStudySettings(db, {
      slug: "uncertain",
      overlapK: 1,
      onePerPrompt: false,
      pairOrder: "uncertain",
    });
    expect(await prioritiseUncertainPairs(db, "uncertain")).toEqual({ comparisons: 60 });
    const [u] = await makeAnnotators(db, study.id, 1, "uncertain");
    const served: string[] = [];
    for (let i = 0; i < 10; i++) {
      const next = await nextAssignment(db, { rules: rulesOf(study), userId: u.id, secret: "s" });
      if (next.kind !== "item") throw new Error("an item");
      served.push([next.content.left[3], next.content.right[3]].sort().join("")); // after "<p>"
      await passAssignment(db, { rules: rulesOf(study), userId: u.id, token: next.assignment.id });
    }
    // The ten unjudged bravo-charlie comparisons come first: no verdict places that pair directly.
    expect(served).toEqual(Array(10).fill("bc"));
  });

  it("keeps the reference design as it was: a reference is required, a design mismatch is refused", async () => {
    const items = path.join(tmp, `items-ref-${target}.jsonl`);
    writeItems(items);
    await expect(importItemsFile(db, { file: items, slug: "arena", reference: "alpha" })).rejects.toThrow(
      /--design: study "arena" has the all-pairs design/,
    );
    await expect(importItemsFile(db, { file: items, slug: "ref-study" })).rejects.toThrow(
      /--reference: required for the reference design/,
    );
  });
});
