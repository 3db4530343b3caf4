import { describe, expect, it } from "vitest";
import { quantileSorted, seededRandom } from "./random";
import { winRates } from "./win-rates";

describe("winRates", () => {
  it("counts and rates by hand: 6 reference wins, 3 ties, 1 loss over 4 prompts, too few for an interval", () => {
    const r = winRates([
      { reference: 3, tie: 0, baseline: 0 },
      { reference: 2, tie: 1, baseline: 0 },
      { reference: 1, tie: 1, baseline: 1 },
      { reference: 0, tie: 1, baseline: 0 },
    ]);
    expect(r.n).toBe(10);
    expect(r.prompts).toBe(4);
    expect(r.rates).toEqual({ reference: 0.6, tie: 0.3, baseline: 0.1 });
    expect(r.equalOrBetter).toBeCloseTo(0.9, 12);
    expect(r.margin).toBeCloseTo(0.5, 12);
    expect(r.ci95).toEqual({
      reference: null,
      tie: null,
      baseline: null,
      equalOrBetter: null,
      margin: null,
    });
  });

  // The red-team's case: one prompt with five annotators showed "60.0% (60.0% – 60.0%)".
  it("gives no interval below 10 prompts, and brackets the rate from 10 up", () => {
    const one = winRates([{ reference: 3, tie: 0, baseline: 2 }]);
    expect([one.rates.reference, one.ci95.reference]).toEqual([0.6, null]);
    const ten = winRates(
      Array.from({ length: 10 }, (_, i) => ({ reference: i % 2, tie: 0, baseline: 1 - (i % 2) })),
    );
    for (const [k, v] of Object.entries(ten.rates)) {
      const [lo, hi] = ten.ci95[k as keyof typeof ten.rates]!;
      expect(lo).toBeLessThanOrEqual(v);
      expect(hi).toBeGreaterThanOrEqual(v);
    }
  });

  it("is reproducible with the fixed seed and changes with another", () => {
    const data = Array.from({ length: 50 }, (_, i) => ({
      reference: i % 3,
      tie: i % 2,
      baseline: (i + 1) % 2,
    }));
    expect(winRates(data)).toEqual(winRates(data));
    expect(winRates(data, { seed: 1 }).ci95).not.toEqual(winRates(data).ci95);
  });

  it("matches the normal approximation for many independent prompts (one judgment each)", () => {
    // 400 prompts, reference wins 240 (p = 0.6): the bootstrap SE approaches sqrt(p(1-p)/n) = 0.0245.
    const data = Array.from({ length: 400 }, (_, i) =>
      i < 240 ? { reference: 1, tie: 0, baseline: 0 } : { reference: 0, tie: 0, baseline: 1 },
    );
    const [lo, hi] = winRates(data, { resamples: 4000 }).ci95.reference!;
    expect(lo).toBeCloseTo(0.6 - 1.96 * 0.0245, 2);
    expect(hi).toBeCloseTo(0.6 + 1.96 * 0.0245, 2);
  });

  it("handles an empty study and all ties", () => {
    expect(winRates([])).toMatchObject({ n: 0, rates: { reference: 0, tie: 0, baseline: 0 } });
    const ties = winRates(
      Array.from({ length: 10 }, (_, i) => ({ reference: 0, tie: 1 + (i % 3), baseline: 0 })),
    );
    expect(ties.rates.tie).toBe(1);
    expect(ties.ci95.tie).toEqual([1, 1]);
    expect(ties.ci95.reference).toEqual([0, 0]);
  });
});

describe("helpers", () => {
  it("quantile type 7 as R's quantile()", () => {
    // R: quantile(1:10, c(.025, .5, .975)) = 1.225 5.5 9.775
    const s = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantileSorted(s, 0.025)).toBeCloseTo(1.225, 10);
    expect(quantileSorted(s, 0.5)).toBe(5.5);
    expect(quantileSorted(s, 0.975)).toBeCloseTo(9.775, 10);
  });
  it("seeded random is uniform-looking and deterministic", () => {
    const a = seededRandom(42);
    const xs = Array.from({ length: 10000 }, a);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
    expect(seededRandom(42)()).toBe(xs[0]);
  });
});
