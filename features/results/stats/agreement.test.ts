import { describe, expect, it } from "vitest";
import { binomialTwoSided } from "./binomial";
import {
  cohenKappa,
  crossAgreement,
  fleissKappa,
  krippendorffAlpha,
  pairwiseAgreement,
  humanJudgeBeyondChance,
} from "./agreement";

describe("fleissKappa", () => {
  it("reproduces Fleiss' worked example (Wikipedia: 10 subjects, 14 raters, 5 categories): 0.210", () => {
    const table = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    expect(fleissKappa(table)).toBeCloseTo(0.20993, 4);
  });
  it("is 1 for perfect agreement, null when nothing can be compared or every verdict is a tie", () => {
    expect(
      fleissKappa([
        [3, 0, 0],
        [0, 0, 3],
        [0, 3, 0],
      ]),
    ).toBe(1);
    expect(fleissKappa([[1, 0, 0]])).toBeNull();
    expect(fleissKappa([])).toBeNull();
    expect(
      fleissKappa([
        [0, 2, 0],
        [0, 3, 0],
      ]),
    ).toBeNull();
  });
});

describe("krippendorffAlpha", () => {
  // Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 observers, 12 units, values 1-5, with
  // missing values (the irr package's `nmm` data). Published: nominal 0.743, ordinal 0.815, interval 0.849.
  const observers = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
    [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
  ];
  const units = observers[0].map((_, u) => {
    const counts = [0, 0, 0, 0, 0];
    for (const o of observers) if (o[u] !== null) counts[o[u]! - 1]++;
    return counts;
  });
  it("matches the published values for nominal, ordinal and interval data", () => {
    expect(krippendorffAlpha(units, "nominal")).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(units, "ordinal")).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(units, "interval")).toBeCloseTo(0.849, 3);
  });
  it("is 1 for perfect agreement and null without pairable values", () => {
    expect(
      krippendorffAlpha(
        [
          [2, 0, 0],
          [0, 0, 2],
        ],
        "ordinal",
      ),
    ).toBe(1);
    expect(krippendorffAlpha([[1, 0, 0]], "ordinal")).toBeNull();
  });
});

describe("cohenKappa", () => {
  it("hand-worked: 50 items, yes/yes 20, yes/no 5, no/yes 10, no/no 15 -> po 0.7, pe 0.5, kappa 0.4", () => {
    expect(
      cohenKappa([
        [20, 5],
        [10, 15],
      ]),
    ).toBeCloseTo(0.4, 12);
  });
  it("three categories, perfect and chance-level", () => {
    expect(
      cohenKappa([
        [5, 0, 0],
        [0, 3, 0],
        [0, 0, 2],
      ]),
    ).toBe(1);
    expect(
      cohenKappa([
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
      ]),
    ).toBeCloseTo(0, 12);
  });
});

describe("pairwise and cross agreement (LIMA's tie-discounted accuracy)", () => {
  it("hand-worked: items [ref, ref, tie] and [base, ref]", () => {
    // Categories [baseline, tie, reference]. Item 1 pairs: (ref,ref)=1, (ref,tie)=0.5 twice -> 2/3; exact 1/3.
    // Item 2: (base, ref) = 0, exact 0. Study: tie-discounted (2/3 + 0)/2 = 1/3, exact 1/6.
    const r = pairwiseAgreement([
      [0, 1, 2],
      [1, 0, 1],
      [0, 0, 1],
    ]);
    expect(r.comparisons).toBe(2);
    expect(r.tieDiscounted).toBeCloseTo(1 / 3, 12);
    expect(r.exact).toBeCloseTo(1 / 6, 12);
  });
  it("no ties, all ties, a single rater", () => {
    expect(pairwiseAgreement([[2, 0, 0]])).toEqual({ comparisons: 1, tieDiscounted: 1, exact: 1 });
    expect(pairwiseAgreement([[0, 3, 0]])).toEqual({ comparisons: 1, tieDiscounted: 1, exact: 1 });
    expect(pairwiseAgreement([[0, 0, 1]])).toEqual({ comparisons: 0, tieDiscounted: null, exact: null });
  });
  it("human vs judge: every human paired with every judge on the item", () => {
    // Humans [ref, tie], judge [ref]: (ref,ref)=1, (tie,ref)=0.5 -> 0.75; exact 0.5.
    expect(
      crossAgreement([
        { a: [0, 1, 1], b: [0, 0, 1] },
        { a: [1, 0, 0], b: [0, 0, 0] },
      ]),
    ).toEqual({
      comparisons: 1,
      tieDiscounted: 0.75,
      exact: 0.5,
    });
  });
});

describe("binomialTwoSided (as R's binom.test)", () => {
  it("matches R", () => {
    expect(binomialTwoSided(9, 10)).toBeCloseTo(0.02148438, 7); // binom.test(9, 10)
    expect(binomialTwoSided(7, 20)).toBeCloseTo(0.263176, 6); // binom.test(7, 20)
    expect(binomialTwoSided(50, 100)).toBe(1);
    // binom.test(3, 10, 0.2): outcomes no likelier than P(3) = 0.2013 are 0, 3, 4..10: 0.1074 + 0.2013 + 0.1209.
    expect(binomialTwoSided(3, 10, 0.2)).toBeCloseTo(0.4295747, 6);
    expect(binomialTwoSided(0, 0)).toBe(1);
    expect(binomialTwoSided(700, 1000)).toBeLessThan(1e-30);
  });
});

describe("humanJudgeBeyondChance", () => {
  // The red-team's case: 6 comparisons, 10 humans agreeing on each, a judge always saying the opposite. Pooled
  // human+judge counts gave kappa 0.394 and alpha 0.402; from human–judge pairs only, both are strongly negative.
  const items = Array.from({ length: 6 }, (_, i) =>
    i % 2 ? { a: [10, 0, 0], b: [0, 0, 1] } : { a: [0, 0, 10], b: [1, 0, 0] },
  );
  it("Cohen's kappa of the judge against the human majority: po = 0, pe = 0.5, kappa = -1", () => {
    expect(humanJudgeBeyondChance(items).cohenKappa).toBeCloseTo(-1, 10);
  });
  it("alpha with the judge as one coder: 60 pairs of opposite values, n = 120, alpha = 1 - 119 x 120 / 7200", () => {
    expect(humanJudgeBeyondChance(items).krippendorffAlpha).toBeCloseTo(1 - (119 * 120) / 7200, 10);
  });
  it("a judge that always agrees with a unanimous majority scores 1 on both", () => {
    const agreeing = items.map(({ a }) => ({ a, b: a.map((x) => (x ? 1 : 0)) }));
    const r = humanJudgeBeyondChance(agreeing);
    expect([r.cohenKappa, r.krippendorffAlpha]).toEqual([1, 1]);
  });
  it("skips comparisons without a unique majority for kappa, and says null with nothing to compare", () => {
    expect(humanJudgeBeyondChance([{ a: [1, 0, 1], b: [0, 0, 1] }]).majorityComparisons).toBe(0);
    expect(humanJudgeBeyondChance([])).toEqual({
      cohenKappa: null,
      krippendorffAlpha: null,
      majorityComparisons: 0,
    });
  });
});
