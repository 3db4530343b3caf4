import { describe, expect, it } from "vitest";
import { bradleyTerry, bradleyTerryRanking } from "./bradley-terry";

describe("bradleyTerry", () => {
  it("two models, A wins 3 of 4: p_A / p_B = 3, so scores differ by ln 3", () => {
    const s = bradleyTerry([{ a: "A", b: "B", winsA: 3, n: 4 }]);
    expect(s.get("A")! - s.get("B")!).toBeCloseTo(Math.log(3), 8);
    expect(s.get("A")! + s.get("B")!).toBeCloseTo(0, 8);
  });

  it("ties count as half a win: 2 wins, 2 ties, 0 losses of 4 is p = 3/4 again", () => {
    const s = bradleyTerry([{ a: "A", b: "B", winsA: 3, n: 4 }]);
    const t = bradleyTerry([{ a: "A", b: "B", winsA: 2 + 2 * 0.5, n: 4 }]);
    expect(t.get("A")).toBeCloseTo(s.get("A")!, 10);
  });

  it("a consistent three-model design recovers the strengths: p = (4, 2, 1)", () => {
    // Expected win shares p_i/(p_i+p_j): A-B 2/3, B-C 2/3, A-C 4/5, with 15 games per pair.
    const s = bradleyTerry([
      { a: "A", b: "B", winsA: 10, n: 15 },
      { a: "B", b: "C", winsA: 10, n: 15 },
      { a: "A", b: "C", winsA: 12, n: 15 },
    ]);
    expect(s.get("A")! - s.get("B")!).toBeCloseTo(Math.log(2), 6);
    expect(s.get("B")! - s.get("C")!).toBeCloseTo(Math.log(2), 6);
  });

  it("stays finite when a model never wins (weak prior)", () => {
    const s = bradleyTerry([{ a: "A", b: "B", winsA: 5, n: 5 }]);
    expect(Number.isFinite(s.get("B")!)).toBe(true);
    expect(s.get("A")!).toBeGreaterThan(s.get("B")!);
  });
});

describe("bradleyTerryRanking", () => {
  it("orders models and brackets each score with a bootstrap interval", () => {
    const perPrompt = Array.from({ length: 60 }, (_, i) => [
      { a: "ref", b: "weak", winsA: i % 5 === 0 ? 0 : 1, n: 1 },
      { a: "ref", b: "strong", winsA: i % 3 === 0 ? 1 : 0, n: 1 },
    ]);
    const ranked = bradleyTerryRanking(perPrompt);
    expect(ranked.map((r) => r.model)).toEqual(["strong", "ref", "weak"]);
    for (const r of ranked) {
      expect(r.ci95[0]).toBeLessThanOrEqual(r.score);
      expect(r.ci95[1]).toBeGreaterThanOrEqual(r.score);
    }
    expect(bradleyTerryRanking([])).toEqual([]);
  });
});
