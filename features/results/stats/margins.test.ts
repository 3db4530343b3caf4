import { describe, expect, it } from "vitest";
import { marginDifferences } from "./margins";
import type { PromptCounts } from "./win-rates";

const prompts = (list: PromptCounts[], prefix = "p") => new Map(list.map((c, i) => [`${prefix}${i}`, c]));

describe("marginDifferences", () => {
  // By hand: against a, 6 wins 1 loss in 10 verdicts -> margin 0.5; against b, 2 wins 4 losses -> -0.2; 0.7 apart.
  it("takes the difference of the two margins", () => {
    const a = [
      { reference: 3, tie: 1, baseline: 0 },
      { reference: 3, tie: 2, baseline: 1 },
    ];
    const b = [
      { reference: 2, tie: 2, baseline: 1 },
      { reference: 0, tie: 2, baseline: 3 },
    ];
    const [d] = marginDifferences([
      { model: "b", prompts: prompts(b) },
      { model: "a", prompts: prompts(a) },
    ]);
    expect(d.a).toBe("a");
    expect(d.b).toBe("b");
    expect(d.difference).toBeCloseTo(0.7, 12);
    expect(d.ci95).toBeNull(); // two prompts each
  });

  // The pairing matters: two baselines with the same verdicts on each of the same prompts differ by exactly 0 in
  // every resample, while prompts vary a great deal; an unpaired bootstrap would give a wide interval around 0.
  it("resamples the same prompts for both baselines, so identical baselines differ by exactly 0", () => {
    const list = Array.from({ length: 30 }, (_, i) => ({
      reference: i % 3,
      tie: i % 2,
      baseline: 2 - (i % 3),
    }));
    const [d] = marginDifferences([
      { model: "a", prompts: prompts(list) },
      { model: "b", prompts: prompts(list) },
    ]);
    expect(d.difference).toBe(0);
    expect(d.ci95).toEqual([0, 0]);
  });

  it("brackets a real difference and lists every pair once", () => {
    const strong = Array.from({ length: 40 }, (_, i) => ({
      reference: i % 4 ? 2 : 0,
      tie: 0,
      baseline: i % 4 ? 0 : 2,
    }));
    const weak = Array.from({ length: 40 }, (_, i) => ({
      reference: i % 4 ? 0 : 2,
      tie: 0,
      baseline: i % 4 ? 2 : 0,
    }));
    const out = marginDifferences([
      { model: "x", prompts: prompts(strong) },
      { model: "y", prompts: prompts(weak) },
      { model: "z", prompts: prompts(weak, "q") },
    ]);
    expect(out.map((d) => `${d.a}-${d.b}`)).toEqual(["x-y", "x-z", "y-z"]);
    expect(out[0].difference).toBeCloseTo(1, 12);
    expect(out[0].ci95![0]).toBeLessThanOrEqual(1);
    expect(out[0].ci95![1]).toBeGreaterThanOrEqual(1);
    expect(out[0].ci95![0]).toBeGreaterThan(0.3);
  });
});
