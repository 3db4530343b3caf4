import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/platform/db/client";
import { JUDGMENT_COLUMNS, judgmentExportBatches } from "@/features/results/export/query";
import { encodeRows, oneBatch } from "@/features/results/export/stream";
import { importItemsFile, importJudgmentsFile } from "@/features/imports/run";
import { sql } from "drizzle-orm";
import { rowsOf } from "@/platform/db/client";
import { promptCounts, type PromptCountRow } from "@/features/results/queries";
import { createTestDb, testTargets } from "@/test-utils/db";
import { readTulu, writeTuluFiles } from "@/test-utils/tulu";
import { studyResults } from "./compute";
import { statsJson, summaryRows, SUMMARY_COLUMNS } from "./stats-json";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-results-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Independent tallies straight from the Tülu CSV: latest verdict per evaluator, prompt and model pair. */
function expectedFromCsv() {
  const latest = new Map<string, ReturnType<typeof readTulu>[number]>();
  for (const r of readTulu()) {
    const key = [r.evaluator, r.instance_id, [r.model_a, r.model_b].sort().join("|")].join("\u0000");
    const prev = latest.get(key);
    if (!prev || r.timestamp >= prev.timestamp) latest.set(key, r);
  }
  const verdictOf = (r: ReturnType<typeof readTulu>[number]) => {
    if (r.preference === "tie") return "tie";
    const winner = r.preference.startsWith("a-") ? r.model_a : r.model_b;
    return winner === "tulu_65B" ? "reference" : "baseline";
  };
  const counts = new Map<string, { reference: number; tie: number; baseline: number }>();
  const perComparison = new Map<string, string[]>();
  for (const r of latest.values()) {
    const baseline = r.model_a === "tulu_65B" ? r.model_b : r.model_a;
    const c = counts.get(baseline) ?? { reference: 0, tie: 0, baseline: 0 };
    c[verdictOf(r)]++;
    counts.set(baseline, c);
    const k = `${r.instance_id}|${baseline}`;
    perComparison.set(k, [...(perComparison.get(k) ?? []), verdictOf(r)]);
  }
  // LIMA's tie-discounted accuracy by explicit pair loops.
  let sum = 0;
  let used = 0;
  for (const verdicts of perComparison.values()) {
    if (verdicts.length < 2) continue;
    let score = 0;
    let pairs = 0;
    for (let i = 0; i < verdicts.length; i++)
      for (let j = i + 1; j < verdicts.length; j++) {
        pairs++;
        if (verdicts[i] === verdicts[j]) score += 1;
        else if ((verdicts[i] === "tie") !== (verdicts[j] === "tie")) score += 0.5;
      }
    sum += score / pairs;
    used++;
  }
  return { counts, tieDiscounted: sum / used, comparisons: used, live: latest.size };
}

describe.each(testTargets())("results on %s", (target) => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await createTestDb(target));
    const files = writeTuluFiles(tmp, readTulu());
    await importItemsFile(db, { file: files.items, slug: "tulu", reference: "tulu_65B" });
    await importJudgmentsFile(db, { file: files.judgments, slug: "tulu" });
    // An LLM judge asked in both orders on three comparisons, once changing its mind; one rationale is a formula.
    const judge = path.join(tmp, "judge.jsonl");
    const row = (prompt: string, a: string, b: string, winner: string, rationale?: string) =>
      JSON.stringify({
        prompt_id: prompt,
        model_a: a,
        model_b: b,
        winner,
        annotator: "gpt-4-judge",
        kind: "judge",
        rationale,
      });
    fs.writeFileSync(
      judge,
      [
        row("user_oriented_task_2", "tulu_65B", "chatgpt", "model_a", '=HYPERLINK("http://x","y")'),
        row("user_oriented_task_2", "chatgpt", "tulu_65B", "model_b"),
        row("user_oriented_task_23", "tulu_65B", "chatgpt", "tie"),
        row("user_oriented_task_23", "chatgpt", "tulu_65B", "tie"),
        row("user_oriented_task_2", "tulu_65B", "tulu_7B", "model_a"),
        row("user_oriented_task_2", "tulu_7B", "tulu_65B", "model_a"),
      ].join("\n"),
    );
    await importJudgmentsFile(db, { file: judge, slug: "tulu" });
  });
  afterAll(() => drop());

  it("win counts and LIMA's agreement match an independent computation from the raw Tülu file", async () => {
    const r = (await studyResults(db, { slug: "tulu" }))!;
    const expected = expectedFromCsv();
    expect(r.human.baselines.map((b) => b.model)).toEqual([...expected.counts.keys()].sort());
    for (const b of r.human.baselines) expect(b.counts).toEqual(expected.counts.get(b.model));
    expect(r.human.baselines.reduce((s, b) => s + b.n, 0)).toBe(expected.live);
    expect(r.human.agreement.comparisons).toBe(expected.comparisons);
    expect(r.human.agreement.tieDiscounted).toBeCloseTo(expected.tieDiscounted, 12);
    expect(r.human.agreement.fleissKappa).toBeGreaterThan(0);
    expect(r.human.agreement.fleissKappa).toBeLessThan(1);
    // The file's model_a is alphabetical, not the side shown, and it gives no shown_left: no position statistics.
    expect(r.human.position).toMatchObject({ left: 0, decided: 0, rate: null, p: null });
    expect(r.annotators.every((a) => a.leftRate === null && a.leftP === null)).toBe(true);
    expect(r.ranking.map((m) => m.model).sort()).toEqual([
      "chatgpt",
      "tulu_65B",
      "tulu_7B",
      "tulu_human_only_65B",
    ]);
  });

  // The figure: on Tülu the longer response wins 68.4% of decided verdicts (p = 2e-24), counted here
  // straight from the CSV (lengths in code points, as Postgres' char_length), live verdicts only.
  it("length bias on Tülu matches a count from the raw file, and two-way intervals are wider", async () => {
    const r = (await studyResults(db, { slug: "tulu" }))!;
    const latest = new Map<string, ReturnType<typeof readTulu>[number]>();
    for (const row of readTulu()) {
      const key = [row.evaluator, row.instance_id, [row.model_a, row.model_b].sort().join("|")].join(
        "\u0000",
      );
      const prev = latest.get(key);
      if (!prev || row.timestamp >= prev.timestamp) latest.set(key, row);
    }
    let longer = 0;
    let decided = 0;
    for (const row of latest.values()) {
      const [la, lb] = [[...row.completion_a].length, [...row.completion_b].length];
      if (row.preference === "tie" || la === lb) continue;
      decided++;
      if (row.preference.startsWith("a-") === la > lb) longer++;
    }
    expect(r.human.lengthBias.longerWins).toBe(longer);
    expect(r.human.lengthBias.decided).toBe(decided);
    expect(r.human.lengthBias.rate).toBeCloseTo(0.684, 3);
    expect(r.human.lengthBias.p!).toBeLessThan(1e-20);
    for (const b of r.human.baselines) {
      const width = (ci: [number, number] | null) => ci![1] - ci![0];
      expect(width(b.ci95TwoWay.reference) / width(b.ci95.reference)).toBeGreaterThan(1.4);
      expect(b.lengthControlled!.ci95).not.toBeNull();
    }
  });

  it("judge verdicts: both orders kept, position consistency, agreement with humans", async () => {
    const r = (await studyResults(db, { slug: "tulu" }))!;
    // One verdict per (judge, comparison): both orders agreeing count once; disagreeing orders count as one tie
    // (they counted as one win and one loss, and every pair twice).
    expect(r.judge.baselines.find((b) => b.model === "chatgpt")?.counts).toEqual({
      reference: 1,
      tie: 1,
      baseline: 0,
    });
    expect(r.judge.baselines.find((b) => b.model === "tulu_7B")?.counts).toEqual({
      reference: 0,
      tie: 1,
      baseline: 0,
    });
    expect(r.judge.consistency).toEqual([{ judge: "gpt-4-judge", pairs: 3, consistent: 2 }]);
    expect(r.judge.agreement.comparisons).toBe(3);
    // Each judge on its own, with its left rate over its single-order verdicts: 3 of 4 decided chose the first shown.
    expect(r.judges).toHaveLength(1);
    expect(r.judges[0]).toMatchObject({
      judge: "gpt-4-judge",
      baselines: r.judge.baselines,
      consistency: { pairs: 3, consistent: 2 },
      position: { left: 3, decided: 4, rate: 0.75 },
    });
  });

  it("stats JSON has exactly the documented shape", async () => {
    const json = statsJson((await studyResults(db, { slug: "tulu" }))!);
    expect(Object.keys(json)).toEqual([
      "study",
      "reference",
      "human",
      "judge",
      "judges",
      "ranking",
      "annotators",
      "planning",
    ]);
    expect(Object.keys(json.judges[0])).toEqual([
      "judge",
      "baselines",
      "consistency",
      "agreement_with_humans",
      "agreement_with_humans_by_baseline",
      "position_bias",
      "length_bias",
    ]);
    expect(Object.keys(json.judges[0].agreement_with_humans)).toEqual([
      "comparisons",
      "tie_discounted_accuracy",
      "exact",
      "cohen_kappa",
      "ci95",
    ]);
    expect(Object.keys(json.human.position_bias)).toEqual(["left", "decided", "rate", "p", "by_annotator"]);
    expect(Object.keys(json.planning.baselines[0])).toEqual([
      "model",
      "prompts",
      "judgments_per_prompt",
      "icc",
      "design_effect",
      "prompts_needed",
    ]);
    expect(json.study).toBe("tulu");
    expect(json.reference).toBe("tulu_65B");
    for (const kind of ["human", "judge"] as const) {
      expect(Object.keys(json[kind])).toEqual([
        "baselines",
        "agreement",
        "position_bias",
        "length_bias",
        "margin_differences",
      ]);
      expect(Object.keys(json[kind].agreement)).toEqual([
        "comparisons",
        "tie_discounted_accuracy",
        "exact",
        "fleiss_kappa",
        "krippendorff_alpha",
        ...(kind === "judge" ? ["cohen_kappa_vs_human_majority"] : []),
        "ci95",
      ]);
      expect(Object.keys(json[kind].agreement.ci95)).toEqual([
        "tie_discounted_accuracy",
        "exact",
        "fleiss_kappa",
        "krippendorff_alpha",
        ...(kind === "judge" ? ["cohen_kappa_vs_human_majority"] : []),
      ]);
      expect(Object.keys(json[kind].length_bias)).toEqual(["longer_wins", "decided", "rate", "p"]);
      for (const b of json[kind].baselines) {
        expect(Object.keys(b)).toEqual([
          "model",
          "n",
          "reference_wins",
          "ties",
          "baseline_wins",
          "rates",
          "ci95",
          "equal_or_better",
          "prompts",
          "raters",
          "ci95_two_way",
          "margin",
          "length_controlled",
        ]);
        expect(Object.keys(b.rates)).toEqual(["reference_wins", "tie", "baseline_wins"]);
        const ciKeys = ["reference_wins", "tie", "baseline_wins", "equal_or_better"];
        expect(Object.keys(b.ci95)).toEqual(ciKeys);
        expect(Object.keys(b.ci95_two_way)).toEqual(ciKeys);
        expect(Object.keys(b.margin)).toEqual(["value", "ci95", "ci95_two_way"]);
        expect(Object.keys(b.length_controlled!)).toEqual(["reference_wins", "ci95"]);
        expect(b.n).toBe(b.reference_wins + b.ties + b.baseline_wins);
        for (const v of Object.values(b.rates)) expect(v).toBeGreaterThanOrEqual(0);
        expect(b.rates.reference_wins + b.rates.tie + b.rates.baseline_wins).toBeCloseTo(1, 12);
      }
    }
  });

  it("trigger-kept counts equal a fresh count of the judgments after inserts, re-votes and deletes", async () => {
    const [study] = rowsOf<{ id: number }>(await db.execute(sql`select id from studies where slug = 'tulu'`));
    await db.execute(
      sql`update judgments set verdict = 'tie' where id in (select id from judgments order by id limit 25)`,
    );
    await db.execute(
      sql`delete from judgments where id in (select id from judgments where kind = 'human' order by id desc limit 10)`,
    );
    const sort = (rows: PromptCountRow[]) => rows.map((r) => JSON.stringify(r)).sort();
    for (const kind of ["human", "judge"] as const) {
      const kept = await promptCounts(db, { studyId: study.id, kind, filters: {} });
      const fresh = await promptCounts(db, { studyId: study.id, kind, filters: { from: "2000-01-01" } });
      expect(sort(kept)).toEqual(sort(fresh));
    }
  });

  // The bootstrap resamples prompts by position: the order they come in must not depend on the order of import
  // (internal ids) or on which query path served them.
  it("gives the same intervals whatever the order of import, and with a no-op filter", async () => {
    const files = writeTuluFiles(fs.mkdtempSync(path.join(tmp, "orders-")), readTulu());
    await importItemsFile(db, { file: files.items, slug: "tulu-a", reference: "tulu_65B" });
    await importJudgmentsFile(db, { file: files.judgments, slug: "tulu-a" });
    // The prompts and the verdicts in reverse order: other internal ids, the same verdicts.
    const reverse = (file: string) =>
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").trim().split("\n").reverse().join("\n"));
    reverse(files.items);
    reverse(files.judgments);
    await importItemsFile(db, { file: files.items, slug: "tulu-b", reference: "tulu_65B" });
    await importJudgmentsFile(db, { file: files.judgments, slug: "tulu-b" });
    const original = (await studyResults(db, { slug: "tulu-a" }))!;
    const reordered = (await studyResults(db, { slug: "tulu-b" }))!;
    const noop = (await studyResults(db, { slug: "tulu-a", filters: { from: "2000-01-01" } }))!;
    // Every interval: prompt-only, two-way, length-controlled, margin differences, agreement, ranking.
    const intervals = (r: typeof original) => ({
      baselines: r.human.baselines.map((b) => [b.model, b.n, b.ci95, b.ci95TwoWay, b.lengthControlled]),
      differences: r.human.marginDifferences,
      agreement: r.human.agreement.ci95,
      ranking: r.ranking,
      position: r.human.position.clustered,
    });
    expect(intervals(reordered)).toEqual(intervals(original));
    expect(intervals(noop)).toEqual(intervals(original));
    expect(original.human.baselines[0].ci95TwoWay.reference).not.toBeNull();
  });

  // The red-team's case: one prompt with five annotators showed "60.0% (60.0% – 60.0%)" and "0 of 0, p = 1.0000".
  it("gives no interval under 10 prompts and no test when nothing was decided", async () => {
    const dir = fs.mkdtempSync(path.join(tmp, "tiny-"));
    const items = path.join(dir, "items.jsonl");
    fs.writeFileSync(
      items,
      JSON.stringify({ prompt_id: "only", prompt: "One prompt", responses: { ref: "r", base: "b" } }),
    );
    await importItemsFile(db, { file: items, slug: "tiny", reference: "ref" });
    const verdicts = path.join(dir, "verdicts.jsonl");
    const line = (i: number) =>
      JSON.stringify({
        prompt_id: "only",
        model_a: "ref",
        model_b: "base",
        winner: "tie",
        annotator: `t${i}`,
        kind: "human",
      });
    fs.writeFileSync(verdicts, [1, 2, 3, 4, 5].map(line).join("\n"));
    await importJudgmentsFile(db, { file: verdicts, slug: "tiny" });
    const r = (await studyResults(db, { slug: "tiny" }))!;
    expect(r.human.baselines[0]).toMatchObject({ n: 5, prompts: 1, rates: { tie: 1 } });
    expect(r.human.baselines[0].ci95).toEqual({
      reference: null,
      tie: null,
      baseline: null,
      equalOrBetter: null,
      margin: null,
    });
    expect(r.human.position).toMatchObject({ left: 0, decided: 0, rate: null, p: null });
    expect(statsJson(r).human.baselines[0].ci95).toEqual({
      reference_wins: null,
      tie: null,
      baseline_wins: null,
      equal_or_better: null,
    });
  });

  it("counts position only where the file says which side was shown (shown_left)", async () => {
    const dir = fs.mkdtempSync(path.join(tmp, "sided-"));
    const items = path.join(dir, "items.jsonl");
    fs.writeFileSync(
      items,
      JSON.stringify({ prompt_id: "q", prompt: "A prompt", responses: { ref: "r", base: "b" } }),
    );
    await importItemsFile(db, { file: items, slug: "sided", reference: "ref" });
    const verdicts = path.join(dir, "verdicts.jsonl");
    const v = (annotator: string, shown_left?: string) =>
      JSON.stringify({
        prompt_id: "q",
        model_a: "base",
        model_b: "ref",
        winner: "model_a",
        annotator,
        kind: "human",
        shown_left,
      });
    // model_a won every time: shown left three times, right once; a fifth verdict says nothing of sides.
    fs.writeFileSync(
      verdicts,
      [v("s1", "model_a"), v("s2", "model_a"), v("s3", "model_a"), v("s4", "model_b"), v("s5")].join("\n"),
    );
    await importJudgmentsFile(db, { file: verdicts, slug: "sided" });
    const r = (await studyResults(db, { slug: "sided" }))!;
    expect(r.human.baselines[0].counts).toEqual({ reference: 0, tie: 0, baseline: 5 });
    expect(r.human.position).toMatchObject({ left: 3, decided: 4, rate: 0.75 });
  });

  it("filters by date range in SQL", async () => {
    const none = (await studyResults(db, { slug: "tulu", filters: { from: "2030-01-01" } }))!;
    expect(none.human.baselines).toEqual([]);
    const may = (await studyResults(db, {
      slug: "tulu",
      filters: { from: "2023-05-01", to: "2023-05-25" },
    }))!;
    const all = (await studyResults(db, { slug: "tulu" }))!;
    const total = (x: typeof all) => x.human.baselines.reduce((s, b) => s + b.n, 0);
    expect(total(may)).toBeGreaterThan(0);
    expect(total(may)).toBeLessThan(total(all));
  });

  it("exports round-trip: one CSV row per live judgment, formulas neutralised; the summary matches the stats", async () => {
    const text = await new Response(
      encodeRows(judgmentExportBatches(db, { slug: "tulu", batchSize: 100 }), JUDGMENT_COLUMNS, "csv"),
    ).text();
    const rows = csvObjects(text);
    const r = (await studyResults(db, { slug: "tulu" }))!;
    // The export keeps every live verdict as stored: a judge's two orders are two rows (its panel counts one).
    const humans = r.human.baselines.reduce((s, b) => s + b.n, 0);
    expect(rows.filter((x) => x.kind === "human")).toHaveLength(humans);
    expect(rows.filter((x) => x.kind === "judge")).toHaveLength(6);
    expect(Object.keys(rows[0])).toEqual([...JUDGMENT_COLUMNS]);
    expect(rows.find((x) => x.rationale.includes("HYPERLINK"))?.rationale).toBe(
      '\'=HYPERLINK("http://x","y")',
    );
    for (const x of rows) {
      expect(x.winner_model).toBe(
        x.verdict === "tie" ? "" : x.verdict === "reference" ? "tulu_65B" : x.baseline_model,
      );
      expect(x.annotator === "").toBe(x.kind === "judge");
    }
    const summary = csvObjects(
      await new Response(encodeRows(oneBatch(summaryRows(r)), SUMMARY_COLUMNS, "csv")).text(),
    );
    expect(summary).toHaveLength(r.human.baselines.length + r.judge.baselines.length);
    const chatgpt = summary.find((s) => s.kind === "human" && s.baseline_model === "chatgpt")!;
    expect(Number(chatgpt.n)).toBe(r.human.baselines.find((b) => b.model === "chatgpt")!.n);
  });
});

function csvObjects(text: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}
