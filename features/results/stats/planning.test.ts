import { describe, expect, it } from "vitest";
import { planPrompts } from "./planning";

describe("planPrompts", () => {
  // Worked by hand. Eight prompts, three verdicts each, the reference winning 3, 0, 1, 2, 3, 0, 1, 2 (mean 0.5).
  // SSB = 2 [3(.5^2) + 3(.5^2) + 3(1/6)^2 + 3(1/6)^2] = 10/3, MSB = 10/21; SSW = 2 (2/3 + 2/3) = 8/3,
  // MSW = (8/3)/16 = 1/6; k0 = (24 - 72/24)/7 = 3; sigma_b^2 = (10/21 - 1/6)/3 = 13/126, sigma_w^2 = 21/126;
  // ICC = 13/34; design effect at k = 3: 1 + 2 * 13/34 = 30/17. Prompts for a half-width of 0.05:
  // 1.96^2 (13/126 + (21/126)/k) / 0.05^2 = 414.6, 286.6, 243.9, 209.8 for k = 1, 2, 3, 5 -> 415, 287, 244, 210.
  it("a hand-worked example", () => {
    const four = [
      { reference: 3, tie: 0, baseline: 0 },
      { reference: 0, tie: 1, baseline: 2 },
      { reference: 1, tie: 1, baseline: 1 },
      { reference: 2, tie: 0, baseline: 1 },
    ];
    const plan = planPrompts([...four, ...four], 0.05)!;
    expect(plan.prompts).toBe(8);
    expect(plan.judgmentsPerPrompt).toBe(3);
    expect(plan.icc).toBeCloseTo(13 / 34, 12);
    expect(plan.designEffect).toBeCloseTo(30 / 17, 12);
    expect(plan.needed).toEqual([
      { perPrompt: 1, prompts: 415 },
      { perPrompt: 2, prompts: 287 },
      { perPrompt: 3, prompts: 244 },
      { perPrompt: 5, prompts: 210 },
    ]);
  });

  it("with too few second judgments plans one judgment per prompt only, from p(1 - p)", () => {
    // 30 prompts, 3 with a second judgment (3 within-prompt df): 12 wins of 33 -> 1.96^2 (12/33)(21/33) / 0.1^2
    // = 88.9 -> 89 prompts.
    const list = Array.from({ length: 30 }, (_, i) => ({
      reference: i < 12 ? 1 : 0,
      tie: 0,
      baseline: (i < 12 ? 0 : 1) + (i >= 27 ? 1 : 0),
    }));
    const plan = planPrompts(list, 0.1)!;
    expect(plan).toMatchObject({ prompts: 30, judgmentsPerPrompt: 1.1, icc: null, designEffect: null });
    expect(plan.needed).toEqual([{ perPrompt: 1, prompts: 89 }]);
  });

  it("with prompts that do not differ (ICC 0) reduces to the binomial n = z^2 p(1-p) / h^2 judgments", () => {
    // Every prompt: one win and one loss. sigma_b^2 = 0 (MSB 0 < MSW), sigma_w^2 = MSW = 0.5 (N - P = 100 df).
    const plan = planPrompts(
      Array.from({ length: 100 }, () => ({ reference: 1, tie: 0, baseline: 1 })),
      0.1,
    )!;
    expect(plan.icc).toBe(0);
    expect(plan.designEffect).toBe(1);
    // 1.96^2 * 0.5 / 0.01 = 192.07 prompts of one judgment; twice as many judgments in half as many prompts.
    expect(plan.needed[0]).toEqual({ perPrompt: 1, prompts: 193 });
    expect(plan.needed[1]).toEqual({ perPrompt: 2, prompts: 97 });
  });

  it("gives no plan from one prompt or when nothing varies", () => {
    expect(planPrompts([{ reference: 3, tie: 1, baseline: 1 }], 0.05)).toBeNull();
    expect(
      planPrompts(
        [
          { reference: 2, tie: 0, baseline: 0 },
          { reference: 3, tie: 0, baseline: 0 },
        ],
        0.05,
      ),
    ).toBeNull();
  });
});
