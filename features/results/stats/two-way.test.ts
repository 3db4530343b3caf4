import { describe, expect, it } from "vitest";
import { twoWayIntervals, type RaterCell } from "./two-way";
import { winRates } from "./win-rates";

describe("twoWayIntervals (Owen's pigeonhole bootstrap)", () => {
  // Worked by hand: two raters on 20 prompts, one always for the reference, one always for the baseline. Every
  // prompt holds one win and one loss, so resampling prompts alone gives exactly 50%, [50%, 50%]. Resampling the
  // raters as well draws (2, 0) raters a quarter of the time (rate 1), (0, 2) a quarter (rate 0) and (1, 1) half the
  // time (0.5): the 2.5% and 97.5% percentiles are 0 and 1.
  it("widens to [0, 1] when the raters disagree completely, where prompts alone give [0.5, 0.5]", () => {
    const cells: RaterCell[] = [];
    for (let p = 0; p < 20; p++) {
      cells.push({ prompt: p, rater: 0, reference: 1, tie: 0, baseline: 0 });
      cells.push({ prompt: p, rater: 1, reference: 0, tie: 0, baseline: 1 });
    }
    const oneWay = winRates(Array.from({ length: 20 }, () => ({ reference: 1, tie: 0, baseline: 1 })));
    expect(oneWay.ci95.reference).toEqual([0.5, 0.5]);
    const twoWay = twoWayIntervals(cells);
    expect(twoWay.prompts).toBe(20);
    expect(twoWay.raters).toBe(2);
    expect(twoWay.intervals.reference).toEqual([0, 1]);
    expect(twoWay.intervals.margin).toEqual([-1, 1]);
  });

  it("matches the prompt-only interval when the raters are interchangeable", () => {
    // Three raters who give the same verdict on each prompt: resampling raters changes nothing.
    const cells: RaterCell[] = [];
    const perPrompt = [];
    for (let p = 0; p < 60; p++) {
      const v = p % 5 === 0 ? "tie" : p % 3 === 0 ? "baseline" : "reference";
      for (let r = 0; r < 3; r++)
        cells.push({
          prompt: p,
          rater: r,
          reference: +(v === "reference"),
          tie: +(v === "tie"),
          baseline: +(v === "baseline"),
        });
      perPrompt.push({
        reference: 3 * +(v === "reference"),
        tie: 3 * +(v === "tie"),
        baseline: 3 * +(v === "baseline"),
      });
    }
    const one = winRates(perPrompt).ci95.reference!;
    const two = twoWayIntervals(cells).intervals.reference!;
    const width = (ci: [number, number]) => ci[1] - ci[0];
    expect(width(two) / width(one)).toBeGreaterThan(0.85);
    expect(width(two) / width(one)).toBeLessThan(1.15);
  });

  it("gives no interval with one rater or under 10 prompts, and ignores how the indices are numbered", () => {
    const cells = (raters: number, prompts: number, offset = 0): RaterCell[] =>
      Array.from({ length: raters * prompts }, (_, i) => ({
        prompt: offset + (i % prompts),
        rater: offset + Math.floor(i / prompts),
        reference: i % 2,
        tie: 0,
        baseline: 1 - (i % 2),
      }));
    expect(twoWayIntervals(cells(1, 30)).intervals.reference).toBeNull();
    expect(twoWayIntervals(cells(3, 9)).intervals.reference).toBeNull();
    expect(twoWayIntervals(cells(3, 30, 1000)).intervals).toEqual(twoWayIntervals(cells(3, 30)).intervals);
  });
});
