import { describe, expect, it } from "vitest";
import { krippendorffAlpha } from "./agreement";
import {
  numericValues,
  ratingAlpha,
  ratingDistribution,
  weightedKappa,
  type RatingObservation,
} from "./ratings";

const LIMA = ["Fail", "Pass", "Excellent"];
const obs = (prompt: string, item: number, rater: string, label: number, turn = 0): RatingObservation => ({
  prompt,
  item,
  turn,
  rater,
  label,
});

describe("ratingDistribution", () => {
  it("counts, rates and no interval under 10 prompts; a mean only on a numeric scale", () => {
    const d = ratingDistribution(
      [obs("p1", 1, "a", 2), obs("p1", 1, "b", 1), obs("p2", 2, "a", 0), obs("p3", 3, "a", 2)],
      LIMA,
    );
    expect(d).toMatchObject({
      n: 4,
      prompts: 3,
      counts: [1, 1, 2],
      rates: [0.25, 0.25, 0.5],
      mean: null,
      meanCi95: null,
    });
    expect(d.ci95).toEqual([null, null, null]);
    // Likert 1-6: the mean of 2, 5, 5, 6 is 4.5.
    const likert = ["1", "2", "3", "4", "5", "6"];
    const m = ratingDistribution(
      [obs("p1", 1, "a", 1), obs("p2", 2, "a", 4), obs("p3", 3, "a", 4), obs("p4", 4, "a", 5)],
      likert,
    );
    expect(m.mean).toBe(4.5);
  });

  it("every prompt alike: each interval is the rate itself", () => {
    const list = Array.from({ length: 12 }, (_, i) => [
      obs(`p${i}`, i, "a", 0),
      obs(`p${i}`, i, "b", 2),
    ]).flat();
    const d = ratingDistribution(list, LIMA);
    expect(d.ci95).toEqual([
      [0.5, 0.5],
      [0, 0],
      [0.5, 0.5],
    ]);
  });

  it("reads numeric labels, and only those", () => {
    expect(numericValues(["1", "2", "3"])).toEqual([1, 2, 3]);
    expect(numericValues(LIMA)).toBeNull();
  });
});

describe("ratingAlpha", () => {
  // Units are (item, turn); the ordinal alpha equals the general function's on the same per-unit counts.
  it("matches Krippendorff's alpha on the units' counts, and interval alpha uses the labels' values", () => {
    const list = [
      obs("p1", 1, "a", 0),
      obs("p1", 1, "b", 0),
      obs("p2", 2, "a", 1),
      obs("p2", 2, "b", 2),
      obs("p3", 3, "a", 2),
      obs("p3", 3, "b", 2),
      obs("p3", 3, "c", 1),
      obs("p4", 4, "a", 1, 0),
      obs("p4", 4, "a", 1, 1),
    ];
    const r = ratingAlpha(list, LIMA, "ordinal");
    expect(r.units).toBe(3);
    expect(r.alpha).toBeCloseTo(
      krippendorffAlpha(
        [
          [2, 0, 0],
          [0, 1, 1],
          [0, 1, 2],
        ],
        "ordinal",
      )!,
      12,
    );
    // With values 0, 1, 2 the interval metric on values equals the interval metric on ranks.
    expect(ratingAlpha(list, ["0", "1", "2"], "interval").alpha).toBeCloseTo(
      krippendorffAlpha(
        [
          [2, 0, 0],
          [0, 1, 1],
          [0, 1, 2],
        ],
        "interval",
      )!,
      12,
    );
    expect(ratingAlpha(list, LIMA, "interval").alpha).toBeNull();
  });
});

describe("weightedKappa (quadratic)", () => {
  // Worked by hand: table [[2, 1, 0], [0, 2, 1], [0, 0, 2]], n = 8, k = 3, weights 0, 1/4, 1 by distance 0, 1, 2.
  // Observed: 1/4 (1 + 1) = 0.5. Rows (3, 3, 2), columns (2, 3, 3); expected = sum w r_i c_j / n
  // = [1/4 (3*3 + 3*2 + 3*3 + 2*3) + 1 (3*3 + 2*2)] / 8 = (7.5 + 13) / 8 = 2.5625. kappa = 1 - 0.5 / 2.5625.
  it("a hand-worked example", () => {
    expect(
      weightedKappa([
        [2, 1, 0],
        [0, 2, 1],
        [0, 0, 2],
      ]),
    ).toBeCloseTo(1 - 0.5 / 2.5625, 12);
  });

  it("is 1 for perfect agreement and null with nothing to compare", () => {
    expect(
      weightedKappa([
        [3, 0],
        [0, 2],
      ]),
    ).toBe(1);
    expect(
      weightedKappa([
        [0, 0],
        [0, 0],
      ]),
    ).toBeNull();
  });
});
