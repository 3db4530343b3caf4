import { describe, expect, it } from "vitest";
import { clusteredPosition, holm } from "./position";
import { studentQuantile, studentTwoSided } from "./student-t";

describe("Student's t", () => {
  it("matches closed forms: df 1 is Cauchy, df 2 has P(|T| > t) = 1 - t / sqrt(t^2 + 2)", () => {
    expect(studentTwoSided(1, 1)).toBeCloseTo(0.5, 12);
    expect(studentTwoSided(Math.sqrt(3), 1)).toBeCloseTo(1 / 3, 12);
    for (const t of [0.5, 1, 2.5, 7])
      expect(studentTwoSided(t, 2)).toBeCloseTo(1 - t / Math.sqrt(t * t + 2), 12);
  });

  it("matches printed tables: t(0.975; 10) = 2.228, t(0.975; 4) = 2.776, t(0.975; 30) = 2.042", () => {
    expect(studentQuantile(0.05, 10)).toBeCloseTo(2.228139, 5);
    expect(studentQuantile(0.05, 4)).toBeCloseTo(2.776445, 5);
    expect(studentQuantile(0.05, 30)).toBeCloseTo(2.042272, 5);
    expect(studentTwoSided(2.228139, 10)).toBeCloseTo(0.05, 6);
  });
});

describe("clusteredPosition", () => {
  // Worked by hand: r = 60/100; residuals l - r d: 30 - 0.6*40 = 6, 10 - 0.6*40 = -14, 20 - 0.6*20 = 8;
  // variance = 3/2 * (36 + 196 + 64) / 100^2 = 0.0444; se = 0.21071; t = 0.1 / 0.21071 = 0.47458 on 2 df,
  // p = 1 - 0.47458 / sqrt(0.22523 + 2) = 0.68186.
  it("a hand-worked example with three raters", () => {
    const r = clusteredPosition([
      { left: 30, decided: 40 },
      { left: 10, decided: 40 },
      { left: 20, decided: 20 },
    ]);
    expect(r.raters).toBe(3);
    expect(r.rate).toBeCloseTo(0.6, 12);
    const se = Math.sqrt(0.0444);
    const t = 0.1 / se;
    expect(r.p).toBeCloseTo(1 - t / Math.sqrt(t * t + 2), 10);
    expect(r.p).toBeCloseTo(0.68186, 4);
    const q = studentQuantile(0.05, 2);
    expect(q).toBeCloseTo(4.302653, 5);
    expect(r.ci95![0]).toBeCloseTo(Math.max(0, 0.6 - q * se), 10);
    expect(r.ci95![1]).toBeCloseTo(1, 10);
  });

  it("is far less sure than the binomial when one rater carries the bias", () => {
    // 1,000 verdicts, 600 for the left, but all of the excess from one of ten raters.
    const raters = [
      { left: 190, decided: 190 },
      ...Array.from({ length: 9 }, () => ({ left: 46, decided: 90 })),
    ];
    const r = clusteredPosition(raters);
    expect(r.rate).toBeCloseTo(604 / 1000, 12);
    expect(r.p!).toBeGreaterThan(0.05);
  });

  it("gives no test with fewer than two raters, none with no spread, and no rate with nothing decided", () => {
    expect(clusteredPosition([{ left: 7, decided: 10 }])).toEqual({
      raters: 1,
      rate: 0.7,
      p: null,
      ci95: null,
    });
    expect(
      clusteredPosition([
        { left: 6, decided: 10 },
        { left: 3, decided: 5 },
      ]),
    ).toEqual({ raters: 2, rate: 0.6, p: null, ci95: null });
    expect(clusteredPosition([{ left: 0, decided: 0 }])).toEqual({
      raters: 0,
      rate: null,
      p: null,
      ci95: null,
    });
  });
});

describe("holm", () => {
  // Worked by hand: sorted 0.01, 0.02, 0.03, 0.04 (m = 4) -> 0.04, 0.06, 0.06 (monotone), 0.04 -> 0.06.
  it("adjusts step-down and keeps the adjusted values monotone, in the input's order", () => {
    const adjusted = holm([0.04, 0.01, null, 0.03, 0.02]);
    expect(adjusted[0]).toBeCloseTo(0.06, 12);
    expect(adjusted[1]).toBeCloseTo(0.04, 12);
    expect(adjusted[2]).toBeNull();
    expect(adjusted[3]).toBeCloseTo(0.06, 12);
    expect(adjusted[4]).toBeCloseTo(0.06, 12);
  });

  it("caps at 1", () => {
    expect(holm([0.5, 0.9])).toEqual([1, 1]);
  });
});
