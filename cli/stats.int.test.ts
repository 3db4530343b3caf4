import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { binomialTwoSided } from "@/features/results/stats/binomial";
import { holm } from "@/features/results/stats/position";
import { createTestDb, testTargets } from "@/test-utils/db";

/**
 * A study built so that every new statistic has a value worked by hand, checked end to end through
 * `import` and `stats --json`. 20 prompts; the reference "ref" is longer (300 vs 200 characters) on prompts 0-9
 * and shorter on 10-19; five annotators judge every comparison, shown sides recorded.
 *   vs b1: long prompts 4 ref / 1 b1, short prompts 2 ref / 1 tie / 2 b1 -> shares 0.8 and 0.5
 *   vs b2: long prompts 2 ref / 1 tie / 2 b2, short prompts 1 ref / 4 b2 -> shares 0.5 and 0.2
 * logit(long) - logit(short) = ln 4 for both, so a length slope shared by the baselines fits every group exactly:
 * length-controlled rates sigmoid((logit 0.8 + logit 0.5)/2) = 2/3 and sigmoid((logit 0.5 + logit 0.2)/2) = 1/3.
 * Margins: b1 (60 - 30)/100 = 0.3, b2 (30 - 60)/100 = -0.3, difference 0.6. Length bias: the longer response wins
 * 40/50 + 20/40 (b1) + 20/40 + 40/50 (b2) = 120 of 180.
 * A judge asked in both orders on the b1 comparisons picks the reference when it is shown first, and the answer
 * shown first on long prompts: units long -> tie (orders disagree), short -> ref; consistent on 10 of 20; first
 * shown chosen in 20 + 10 of 40 single-order verdicts; the longer response wins 0 of 10 decided units.
 */
const PROMPTS = Array.from({ length: 20 }, (_, i) => `p${String(i).padStart(2, "0")}`);
const ANNOTATORS = ["a1", "a2", "a3", "a4", "a5"];
const isLong = (i: number) => i < 10;
const VERDICTS: Record<string, [string[], string[]]> = {
  b1: [
    ["ref", "ref", "ref", "ref", "b1"],
    ["ref", "ref", "tie", "b1", "b1"],
  ],
  b2: [
    ["ref", "ref", "tie", "b2", "b2"],
    ["ref", "b2", "b2", "b2", "b2"],
  ],
};
/** a1 always sees the reference on the left, a2 on the right, the others alternate by prompt. */
const refLeft = (annotator: string, i: number) =>
  annotator === "a1" ? true : annotator === "a2" ? false : i % 2 === 0;

function writeStudy(dir: string) {
  const items = PROMPTS.map((id, i) =>
    JSON.stringify({
      prompt_id: id,
      prompt: `Question ${id}`,
      responses: {
        ref: "r".repeat(isLong(i) ? 300 : 200),
        b1: "x".repeat(isLong(i) ? 200 : 300),
        b2: "y".repeat(isLong(i) ? 200 : 300),
      },
    }),
  );
  const human: string[] = [];
  const expectedLeft = new Map(ANNOTATORS.map((a) => [a, { left: 0, decided: 0 }]));
  for (const [baseline, groups] of Object.entries(VERDICTS))
    PROMPTS.forEach((id, i) =>
      ANNOTATORS.forEach((annotator, k) => {
        const v = groups[isLong(i) ? 0 : 1][k];
        const left = refLeft(annotator, i) ? "model_a" : "model_b";
        human.push(
          JSON.stringify({
            prompt_id: id,
            model_a: "ref",
            model_b: baseline,
            winner: v === "tie" ? "tie" : v === "ref" ? "model_a" : "model_b",
            annotator,
            kind: "human",
            shown_left: left,
          }),
        );
        if (v !== "tie") {
          const e = expectedLeft.get(annotator)!;
          e.decided++;
          if ((v === "ref") === refLeft(annotator, i)) e.left++;
        }
      }),
    );
  const judge = PROMPTS.flatMap((id, i) => [
    { prompt_id: id, model_a: "ref", model_b: "b1", winner: "model_a" },
    { prompt_id: id, model_a: "b1", model_b: "ref", winner: isLong(i) ? "model_a" : "model_b" },
  ]).map((r) => JSON.stringify({ ...r, annotator: "judge-x", kind: "judge" }));
  fs.writeFileSync(path.join(dir, "items.jsonl"), items.join("\n"));
  fs.writeFileSync(path.join(dir, "verdicts.jsonl"), [...human, ...judge].join("\n"));
  return expectedLeft;
}

describe.each(testTargets())(
  "stats --json on %s: every statistic against its hand-worked value",
  (target) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-stats-"));
    const env: Record<string, string | undefined> = {
      ...process.env,
      VERDICT_DATA_DIR: path.join(dir, "data"),
    };
    delete env.DATABASE_URL;
    let drop = async () => {};
    const cli = (...args: string[]) => {
      const r = spawnSync("node_modules/.bin/tsx", ["cli/index.ts", ...args], {
        env: env as NodeJS.ProcessEnv,
        encoding: "utf8",
      });
      if (r.status !== 0) throw new Error(`cli ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
      return r.stdout;
    };
    let expectedLeft: ReturnType<typeof writeStudy>;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document is checked field by field below
    let json: any;

    beforeAll(async () => {
      if (target === "postgres") {
        const scratch = await createTestDb("postgres");
        env.DATABASE_URL = scratch.url;
        drop = scratch.drop;
      }
      expectedLeft = writeStudy(dir);
      cli("import", "items", path.join(dir, "items.jsonl"), "--study", "hw", "--reference", "ref");
      cli("import", "judgments", path.join(dir, "verdicts.jsonl"), "--study", "hw");
      json = JSON.parse(cli("stats", "--study", "hw", "--json", "--plan", "0.1"));
    }, 60_000);
    afterAll(async () => {
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("win rates, equal-or-better, margins and their difference", () => {
      const [b1, b2] = json.human.baselines;
      expect([b1.model, b1.reference_wins, b1.ties, b1.baseline_wins]).toEqual(["b1", 60, 10, 30]);
      expect(b1.equal_or_better).toBeCloseTo(0.7, 12);
      expect(b1.margin.value).toBeCloseTo(0.3, 12);
      expect(b2.margin.value).toBeCloseTo(-0.3, 12);
      for (const b of [b1, b2]) {
        expect(b.prompts).toBe(20);
        expect(b.raters).toBe(5);
        for (const key of ["reference_wins", "tie", "baseline_wins", "equal_or_better"]) {
          const [lo, hi] = b.ci95[key];
          const [lo2, hi2] = b.ci95_two_way[key];
          expect(lo2).toBeLessThanOrEqual(lo + 0.02);
          expect(hi2).toBeGreaterThanOrEqual(hi - 0.02);
        }
        expect(b.margin.ci95[0]).toBeLessThan(b.margin.value);
        expect(b.margin.ci95[1]).toBeGreaterThan(b.margin.value);
      }
      const [d] = json.human.margin_differences;
      expect([d.a, d.b]).toEqual(["b1", "b2"]);
      expect(d.difference).toBeCloseTo(0.6, 12);
      expect(d.ci95[0]).toBeGreaterThan(0);
    });

    it("length-controlled win rates and length bias", () => {
      const [b1, b2] = json.human.baselines;
      expect(b1.length_controlled.reference_wins).toBeCloseTo(2 / 3, 4);
      expect(b2.length_controlled.reference_wins).toBeCloseTo(1 / 3, 4);
      // Every prompt of a group has the same shares: every resample refits to the same value.
      expect(b1.length_controlled.ci95[0]).toBeCloseTo(2 / 3, 3);
      expect(b1.length_controlled.ci95[1]).toBeCloseTo(2 / 3, 3);
      expect(json.human.length_bias).toEqual({
        longer_wins: 120,
        decided: 180,
        rate: 120 / 180,
        p: json.human.length_bias.p,
      });
      expect(json.human.length_bias.p).toBeCloseTo(binomialTwoSided(120, 180), 12);
      expect(json.human.length_bias.p).toBeLessThan(1e-4);
    });

    it("position bias per annotator with Holm, and with annotators as clusters", () => {
      const byName = new Map(json.annotators.map((a: { pseudonym: string }) => [a.pseudonym, a]));
      expect(byName.size).toBe(5);
      const expected = ANNOTATORS.map((a) => expectedLeft.get(a)!);
      const left = expected.reduce((s, e) => s + e.left, 0);
      const decided = expected.reduce((s, e) => s + e.decided, 0);
      expect(json.human.position_bias).toMatchObject({ left, decided, rate: left / decided });
      expect(json.human.position_bias.p).toBeCloseTo(binomialTwoSided(left, decided), 12);
      expect(json.human.position_bias.by_annotator.annotators).toBe(5);
      // Pseudonyms are random: match annotators by their left counts' p values, as a multiset.
      const ps = expected.map((e) => binomialTwoSided(e.left, e.decided));
      const adjusted = holm(ps);
      const got = [...byName.values()].map((a) => {
        const x = a as { left_p: number; left_p_holm: number; judgments: number };
        expect(x.judgments).toBe(40);
        return [x.left_p, x.left_p_holm];
      });
      const sortPairs = (xs: number[][]) => xs.map((x) => x.map((v) => v.toFixed(10)).join()).sort();
      expect(sortPairs(got)).toEqual(sortPairs(ps.map((p, i) => [p, adjusted[i]!])));
    });

    it("agreement with intervals, for humans and the judge", () => {
      const a = json.human.agreement;
      expect(a.comparisons).toBe(40);
      for (const key of ["tie_discounted_accuracy", "exact", "fleiss_kappa", "krippendorff_alpha"]) {
        expect(a.ci95[key][0]).toBeLessThanOrEqual(a[key]);
        expect(a.ci95[key][1]).toBeGreaterThanOrEqual(a[key]);
      }
      const j = json.judges[0];
      expect(j.judge).toBe("judge-x");
      expect(j.consistency).toEqual({ pairs: 20, consistent: 10 });
      expect(j.position_bias).toMatchObject({ left: 30, decided: 40, rate: 0.75 });
      expect(j.length_bias).toMatchObject({ longer_wins: 0, decided: 10, rate: 0 });
      expect(j.baselines[0]).toMatchObject({
        model: "b1",
        reference_wins: 10,
        ties: 10,
        baseline_wins: 0,
        raters: 1,
      });
      expect(j.baselines[0].ci95_two_way.reference_wins).toBeNull();
      expect(j.agreement_with_humans.comparisons).toBe(20);
      expect(Object.keys(j.agreement_with_humans.ci95)).toEqual([
        "tie_discounted_accuracy",
        "exact",
        "cohen_kappa",
      ]);
      expect(json.judge.position_bias).toMatchObject({ left: 30, decided: 40 });
    });

    it("ranking, annotators and planning", () => {
      expect(json.ranking.map((m: { model: string }) => m.model).sort()).toEqual(["b1", "b2", "ref"]);
      for (const m of json.ranking) {
        expect(Object.keys(m)).toEqual(["model", "strength", "ci95", "rank"]);
        expect(m.ci95[0]).toBeLessThanOrEqual(m.strength);
        expect(m.rank).toBe(1 + json.ranking.filter((o: { ci95: number[] }) => o.ci95[0] > m.ci95[1]).length);
      }
      expect(Object.keys(json.annotators[0])).toEqual([
        "pseudonym",
        "judgments",
        "median_ms",
        "tie_rate",
        "agreement_with_majority",
        "left_rate",
        "left_p",
        "left_p_holm",
        "gold",
        "repeats",
        "too_fast",
        "status",
      ]);
      // No checks or repeats in this study: every annotator active with nothing seen.
      expect(json.annotators[0]).toMatchObject({
        gold: { seen: 0, correct: 0 },
        repeats: { seen: 0, consistent: 0 },
        too_fast: 0,
        status: "active",
      });
      expect(json.leaks).toEqual({ responses: 0, held_out: 0 });
      expect(json.planning.half_width).toBe(0.1);
      const plan = json.planning.baselines[0];
      expect(plan).toMatchObject({ model: "b1", prompts: 20, judgments_per_prompt: 5 });
      // b1's reference-win indicator: 10 prompts at 4/5, 10 at 2/5. Mean 0.6; SSB = 100 * 0.04 = 4, MSB = 4/19;
      // SSW = 10 (4 * 0.2) + 10 (2 * 0.6) = 20, MSW = 20/80 = 0.25; k0 = 5; sigma_b^2 = (4/19 - 1/4)/5 < 0 -> 0.
      expect(plan.icc).toBe(0);
      expect(plan.design_effect).toBe(1);
      // 1.96^2 * 0.25 / 0.01 = 96.04 -> 97 prompts at one judgment each; 49 at two.
      expect(plan.prompts_needed.slice(0, 2)).toEqual([
        { judgments_per_prompt: 1, prompts: 97 },
        { judgments_per_prompt: 2, prompts: 49 },
      ]);
    });
  },
);
