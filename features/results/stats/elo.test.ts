import { describe, expect, it } from "vitest";
import type { PairOutcome } from "./bradley-terry";
import { eloRanking } from "./elo";

describe("eloRanking (FastChat's compute_mle_elo scale)", () => {
  // By hand: the MLE of two models where A wins 3 of 4 is p_A / p_B = 3, so A - B = 400 log10 3 = 190.85 Elo; "A"
  // sorts first, so A is anchored at 1000 and B sits at 1000 - 190.85. With the vanishing prior (0.005 of a win each
  // way) the ratio is 3.005 / 1.005, 0.55 Elo from the MLE.
  it("two models: 400 log10 of the odds, the first by name at 1000", async () => {
    const perPrompt: PairOutcome[][] = [
      [{ a: "A", b: "B", winsA: 1, n: 1 }],
      [{ a: "A", b: "B", winsA: 1, n: 1 }],
      [{ a: "B", b: "A", winsA: 1, n: 1 }],
      [{ a: "A", b: "B", winsA: 1, n: 1 }],
    ];
    const [a, b] = await eloRanking(perPrompt);
    expect(a.model).toBe("A");
    expect(a.elo).toBe(1000);
    expect(b.elo).toBeCloseTo(1000 - 400 * Math.log10(3.005 / 1.005), 6);
    expect(Math.abs(b.elo - (1000 - 400 * Math.log10(3)))).toBeLessThan(0.6);
    expect([a.n, b.n]).toEqual([4, 4]);
    // Four prompts: no interval and no rank.
    expect([a.ci95, a.rank]).toEqual([null, null]);
  });

  // By hand: a cycle, each model beating the next in 2 of 3, is balanced: every strength is equal, all at 1000.
  // Ties count half: a prompt of one tie between x and y adds half a win to each and moves nothing.
  it("a balanced cycle gives every model 1000, ties as half a win", async () => {
    const perPrompt: PairOutcome[][] = [];
    for (let i = 0; i < 12; i++)
      perPrompt.push([
        { a: "x", b: "y", winsA: i % 3 === 2 ? 0 : 1, n: 1 },
        { a: "y", b: "z", winsA: i % 3 === 2 ? 0 : 1, n: 1 },
        { a: "z", b: "x", winsA: i % 3 === 2 ? 0 : 1, n: 1 },
        { a: "x", b: "y", winsA: 0.5, n: 1 },
      ]);
    const ranked = await eloRanking(perPrompt);
    for (const r of ranked) expect(r.elo).toBeCloseTo(1000, 6);
    for (const r of ranked) expect(r.rank).toBe(1);
    expect(ranked.find((r) => r.model === "x")!.n).toBe(36);
  });

  it("separates a clearly stronger model, with intervals over prompts and ranks", async () => {
    const perPrompt: PairOutcome[][] = Array.from({ length: 40 }, (_, i) => [
      { a: "strong", b: "weak", winsA: i % 10 === 0 ? 0 : 1, n: 1 },
      { a: "strong", b: "mid", winsA: i % 4 === 0 ? 0 : 1, n: 1 },
      { a: "mid", b: "weak", winsA: i % 4 === 0 ? 0 : 1, n: 1 },
    ]);
    const ranked = await eloRanking(perPrompt);
    expect(ranked.map((r) => r.model)).toEqual(["strong", "mid", "weak"]);
    expect(ranked.find((r) => r.model === "mid")!.elo).toBe(1000);
    for (const r of ranked) {
      expect(r.ci95![0]).toBeLessThanOrEqual(r.elo);
      expect(r.ci95![1]).toBeGreaterThanOrEqual(r.elo);
    }
    expect(ranked[0].rank).toBe(1);
    expect(ranked[2].rank).toBeGreaterThan(1);
  });
});
