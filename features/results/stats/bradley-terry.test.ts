import { describe, expect, it } from "vitest";
import { bradleyTerry, bradleyTerryRanking, ranksFromIntervals } from "./bradley-terry";

describe("bradleyTerry (with one pseudo-game split half and half per pair)", () => {
  it("two models, A wins 3 of 4: with the prior 3.5 of 5, so p_A / p_B = 3.5 / 1.5 and scores differ by ln(7/3)", () => {
    const s = bradleyTerry([{ a: "A", b: "B", winsA: 3, n: 4 }]);
    expect(s.get("A")! - s.get("B")!).toBeCloseTo(Math.log(7 / 3), 8);
    expect(s.get("A")! + s.get("B")!).toBeCloseTo(0, 8);
  });

  it("ties count as half a win: 2 wins and 2 ties of 4 is the same as 3 wins of 4", () => {
    const s = bradleyTerry([{ a: "A", b: "B", winsA: 3, n: 4 }]);
    const t = bradleyTerry([{ a: "A", b: "B", winsA: 2 + 2 * 0.5, n: 4 }]);
    expect(t.get("A")).toBeCloseTo(s.get("A")!, 10);
  });

  it("a consistent three-model design recovers the strengths p = (4, 2, 1) when the prior is negligible", () => {
    // Expected win shares p_i/(p_i+p_j): A-B 2/3, B-C 2/3, A-C 4/5, with 15,000 games per pair.
    const s = bradleyTerry([
      { a: "A", b: "B", winsA: 10_000, n: 15_000 },
      { a: "B", b: "C", winsA: 10_000, n: 15_000 },
      { a: "A", b: "C", winsA: 12_000, n: 15_000 },
    ]);
    expect(s.get("A")! - s.get("B")!).toBeCloseTo(Math.log(2), 3);
    expect(s.get("B")! - s.get("C")!).toBeCloseTo(Math.log(2), 3);
  });

  it("stays finite when a model never wins: 5 of 5 is 5.5 of 6 with the prior, ln 11 apart", () => {
    const s = bradleyTerry([{ a: "A", b: "B", winsA: 5, n: 5 }]);
    expect(s.get("A")! - s.get("B")!).toBeCloseTo(Math.log(11), 8);
  });

  it("estimates a model of the design that is absent from the data from the prior alone", () => {
    const s = bradleyTerry([{ a: "A", b: "B", winsA: 3, n: 4 }], {
      design: [
        ["A", "B"],
        ["A", "C"],
      ],
    });
    expect([...s.keys()].sort()).toEqual(["A", "B", "C"]);
    expect(Number.isFinite(s.get("C")!)).toBe(true);
  });
});

describe("bradleyTerryRanking", () => {
  it("orders models and brackets each score with a bootstrap interval", async () => {
    const perPrompt = Array.from({ length: 60 }, (_, i) => [
      { a: "ref", b: "weak", winsA: i % 5 === 0 ? 0 : 1, n: 1 },
      { a: "ref", b: "strong", winsA: i % 3 === 0 ? 1 : 0, n: 1 },
    ]);
    const ranked = await bradleyTerryRanking(perPrompt);
    expect(ranked.map((r) => r.model)).toEqual(["strong", "ref", "weak"]);
    for (const r of ranked) {
      expect(r.ci95[0]).toBeLessThanOrEqual(r.score);
      expect(r.ci95[1]).toBeGreaterThanOrEqual(r.score);
    }
    expect(await bradleyTerryRanking([])).toEqual([]);
  });

  // Before: a model missing from a resample was dropped from that resample's list (its interval came from the
  // resamples that happened to draw it), and the prior was on or off per resample.
  it("keeps a rarely seen model in every resample: its interval counts the resamples that miss it", async () => {
    const perPrompt = [
      ...Array.from({ length: 59 }, (_, i) => [{ a: "ref", b: "common", winsA: i % 2, n: 1 }]),
      [{ a: "ref", b: "rare", winsA: 0, n: 1 }],
    ];
    const ranked = await bradleyTerryRanking(perPrompt, { resamples: 1000 });
    const rare = ranked.find((r) => r.model === "rare")!;
    expect(rare.ci95.every(Number.isFinite)).toBe(true);
    // Many resamples miss the one prompt with "rare": then it sits at the prior, level with "ref".
    expect(rare.ci95[1]).toBeGreaterThan(rare.score);
    // About (59/60)^60 = 37% of resamples miss that prompt: "rare" then carries no evidence and sits near the
    // centre, so the interval reaches far below its point estimate (0.72 -> -0.13) instead of resting only on the
    // resamples that drew it (which gave 0.59).
    expect(rare.score - rare.ci95[0]).toBeGreaterThan(0.5);
  });
});

describe("ranksFromIntervals", () => {
  // By hand: a [2, 3] is below nothing -> 1; b [1, 2.5] overlaps a -> 1; c [0, 0.9] lies below a and b -> 3;
  // d [-1, 0.5] overlaps c, lies below a and b -> 3.
  it("ranks 1 + the number of models wholly above", () => {
    expect(
      ranksFromIntervals([
        [2, 3],
        [1, 2.5],
        [0, 0.9],
        [-1, 0.5],
      ]),
    ).toEqual([1, 1, 3, 3]);
  });
});
