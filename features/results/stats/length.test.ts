import { describe, expect, it } from "vitest";
import { lengthBias, lengthControlled, type LengthRow } from "./length";

const row = (
  baseline: string,
  prompt: string,
  referenceLength: number,
  baselineLength: number,
  reference: number,
  tie: number,
  baselineWins: number,
): LengthRow => ({ baseline, prompt, referenceLength, baselineLength, reference, tie, baselineWins });

describe("lengthBias", () => {
  // By hand: the longer (reference) wins 3 of 4 decided; equal lengths are left out; the longer (baseline) wins 2
  // of 3 decided. 5 of 7: two-sided exact binomial p = 2 (1 + 7 + 21) / 128 = 0.453125.
  it("counts decided verdicts won by the longer response, with an exact binomial test", () => {
    const b = lengthBias([
      row("x", "p1", 100, 50, 3, 1, 1),
      row("x", "p2", 70, 70, 4, 0, 0),
      row("x", "p3", 10, 80, 1, 5, 2),
    ]);
    expect([b.longerWins, b.decided, b.rate]).toEqual([5, 7, 5 / 7]);
    expect(b.p).toBeCloseTo(0.453125, 12);
  });

  it("has no rate and no test when nothing was decided", () => {
    expect(lengthBias([row("x", "p", 10, 20, 0, 3, 0)])).toEqual({
      longerWins: 0,
      decided: 0,
      rate: null,
      p: null,
    });
  });
});

describe("lengthControlled", () => {
  // Worked by hand: with the length term taking two values +-a, the logistic model's intercept is the mean of the
  // two groups' logits: (logit 0.8 + logit 0.5) / 2 = ln(4) / 2 = ln 2, so the length-controlled win rate is 2/3,
  // where the raw rate (ties as half) is (40 + 25) / 100 = 0.65. Every prompt of a group has the same share, and
  // the intercept does not depend on how many prompts each group has, so every resample gives 2/3 as well.
  it("reads the win rate at zero length difference", () => {
    const rows: LengthRow[] = [];
    for (let i = 0; i < 10; i++) rows.push(row("x", `long${i}`, 300, 200, 4, 0, 1));
    for (let i = 0; i < 10; i++) rows.push(row("x", `short${i}`, 200, 300, 2, 1, 2));
    const [lc] = lengthControlled(rows);
    expect(lc.model).toBe("x");
    expect(lc.referenceWins).toBeCloseTo(2 / 3, 4);
    expect(lc.ci95![0]).toBeCloseTo(2 / 3, 4);
    expect(lc.ci95![1]).toBeCloseTo(2 / 3, 4);
  });

  it("equals the raw rate (ties as half) where lengths never differ, and shares the length slope across baselines", () => {
    const rows = Array.from({ length: 12 }, (_, i) => row(i % 2 ? "a" : "b", `p${i}`, 50, 50, i % 3, 1, 1));
    const lc = lengthControlled(rows);
    for (const m of ["a", "b"]) {
      const mine = rows.filter((r) => r.baseline === m);
      const wins = mine.reduce((s, r) => s + r.reference + 0.5 * r.tie, 0);
      const n = mine.reduce((s, r) => s + r.reference + r.tie + r.baselineWins, 0);
      expect(lc.find((x) => x.model === m)!.referenceWins).toBeCloseTo(wins / n, 4);
    }
    // Six prompts each: too few for an interval.
    expect(lc.every((x) => x.ci95 === null)).toBe(true);
  });

  it("controls a baseline whose wins come from the reference being longer", () => {
    // The longer response wins 80% whoever gives it. Against "terse" the reference is longer on 18 of 20 prompts,
    // against "wordy" on 2 of 20: raw win rates (18*4 + 2*1)/100 = 74% and (2*4 + 18*1)/100 = 26%. theta = 0 and
    // phi * tanh(+-1 sd) = +-logit 0.8 fit every group exactly, so the MLE is theta = 0: both 50% at equal length.
    const rows: LengthRow[] = [];
    for (let i = 0; i < 20; i++) {
      const refLonger = i < 18;
      rows.push(
        row(
          "terse",
          `p${i}`,
          refLonger ? 400 : 100,
          refLonger ? 100 : 400,
          refLonger ? 4 : 1,
          0,
          refLonger ? 1 : 4,
        ),
      );
      rows.push(
        row(
          "wordy",
          `p${i}`,
          refLonger ? 100 : 400,
          refLonger ? 400 : 100,
          refLonger ? 1 : 4,
          0,
          refLonger ? 4 : 1,
        ),
      );
    }
    const raw = (m: string) => {
      const mine = rows.filter((r) => r.baseline === m);
      return mine.reduce((s, r) => s + r.reference, 0) / (5 * mine.length);
    };
    expect([raw("terse"), raw("wordy")]).toEqual([0.74, 0.26]);
    for (const lc of lengthControlled(rows)) expect(lc.referenceWins).toBeCloseTo(0.5, 4);
  });
});
