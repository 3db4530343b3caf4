import { describe, expect, it } from "vitest";
import { fleissKappa, krippendorffAlpha, pairwiseAgreement } from "./agreement";
import { agreementIntervals, crossAgreementIntervals } from "./agreement-ci";

describe("agreementIntervals (bootstrap over comparisons)", () => {
  // Worked by hand for ten identical comparisons, each [0 baseline, 1 tie, 2 reference]: exact 1/3, tie-discounted
  // (1 + 0.5 * 1 * 2) / 3 = 2/3, Fleiss: P_i = (1 + 4 - 3)/6 = 1/3, p = (0, 1/3, 2/3), P_e = 5/9, kappa = -1/2;
  // Krippendorff (ordinal): 1 - (3N - 1)/(2N) = -0.45 at N = 10. Every resample holds ten such comparisons, so each
  // interval is the single value.
  it("collapses to the hand-worked value when every comparison is the same", () => {
    const items = Array.from({ length: 10 }, () => [0, 1, 2]);
    const ci = agreementIntervals(items);
    const close = (ci: [number, number] | null, v: number) => {
      expect(ci![0]).toBeCloseTo(v, 12);
      expect(ci![1]).toBeCloseTo(v, 12);
    };
    close(ci.exact, 1 / 3);
    close(ci.tieDiscounted, 2 / 3);
    close(ci.fleissKappa, -0.5);
    close(ci.krippendorffAlpha, -0.45);
    expect(fleissKappa(items)).toBeCloseTo(-0.5, 12);
    expect(krippendorffAlpha(items, "ordinal")).toBeCloseTo(-0.45, 12);
  });

  it("brackets the point estimates when comparisons differ, and gives nothing under 10 comparisons", () => {
    const items = Array.from({ length: 40 }, (_, i) =>
      i % 3 === 0 ? [3, 0, 0] : i % 3 === 1 ? [0, 1, 2] : [1, 1, 1],
    );
    const point = pairwiseAgreement(items);
    const ci = agreementIntervals(items);
    const inside = (ci: [number, number] | null, v: number | null) => {
      expect(ci![0]).toBeLessThan(v!);
      expect(ci![1]).toBeGreaterThan(v!);
    };
    inside(ci.exact, point.exact);
    inside(ci.tieDiscounted, point.tieDiscounted);
    inside(ci.fleissKappa, fleissKappa(items));
    inside(ci.krippendorffAlpha, krippendorffAlpha(items, "ordinal"));
    // Comparisons with a single verdict do not count towards the ten.
    const few = [...items.slice(0, 9), [0, 0, 1], [1, 0, 0]];
    expect(agreementIntervals(few)).toEqual({
      tieDiscounted: null,
      exact: null,
      fleissKappa: null,
      krippendorffAlpha: null,
    });
  });
});

describe("crossAgreementIntervals", () => {
  it("collapses to 1 where the judge always sides with every human, with no kappa where it is undefined", () => {
    const items = Array.from({ length: 12 }, () => ({ a: [0, 0, 3], b: [0, 0, 1] }));
    const ci = crossAgreementIntervals(items);
    expect(ci.exact).toEqual([1, 1]);
    expect(ci.tieDiscounted).toEqual([1, 1]);
    // One category only: chance agreement is 1 and kappa is undefined, in the data and in every resample.
    expect(ci.cohenKappa).toBeNull();
    expect(ci.krippendorffAlpha).toBeNull();
  });

  // By hand: a judge opposite to unanimous humans on half the comparisons and with them on the other half; Cohen's
  // kappa against the majority over a 2x2 table [[a, b], [b, a]] of equal margins is (p_o - 0.5) / 0.5.
  it("brackets Cohen's kappa against the human majority", () => {
    const items = Array.from({ length: 40 }, (_, i) =>
      i % 4 === 0
        ? { a: [2, 0, 0], b: [0, 0, 1] }
        : i % 4 === 1
          ? { a: [0, 0, 2], b: [1, 0, 0] }
          : i % 2 === 0
            ? { a: [2, 0, 0], b: [1, 0, 0] }
            : { a: [0, 0, 2], b: [0, 0, 1] },
    );
    const ci = crossAgreementIntervals(items);
    // p_o = 0.5 -> kappa 0; the interval straddles it.
    expect(ci.cohenKappa![0]).toBeLessThan(0);
    expect(ci.cohenKappa![1]).toBeGreaterThan(0);
    expect(ci.exact![0]).toBeLessThan(0.5);
    expect(ci.exact![1]).toBeGreaterThan(0.5);
  });
});
