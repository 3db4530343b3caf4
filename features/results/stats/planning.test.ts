import { describe, expect, it } from "vitest";
import { planPrompts } from "./planning";

describe("planPrompts", () => {
  // Worked by hand. Four prompts, three verdicts each, the reference winning 3, 0, 1 and 2 of them (mean 0.5).
  // SSB = 3(.5^2) + 3(.5^2) + 3(1/6)^2 + 3(1/6)^2 = 5/3, MSB = 5/9; SSW = 0 + 0 + 2/3 + 2/3, MSW = (4/3)/8 = 1/6;
  // k0 = (12 - 36/12)/3 = 3; sigma_b^2 = (5/9 - 1/6)/3 = 7/54, sigma_w^2 = 9/54; ICC = 7/16; design effect at
  // k = 3: 1 + 2 * 7/16 = 1.875. Prompts for a half-width of 0.05: 1.96^2 (7/54 + (9/54)/k) / 0.05^2 =
  // 455.3, 327.2, 284.5, 250.4 for k = 1, 2, 3, 5 -> 456, 328, 285, 251.
  it("a hand-worked example", () => {
    const plan = planPrompts(
      [
        { reference: 3, tie: 0, baseline: 0 },
        { reference: 0, tie: 1, baseline: 2 },
        { reference: 1, tie: 1, baseline: 1 },
        { reference: 2, tie: 0, baseline: 1 },
      ],
      0.05,
    )!;
    expect(plan.prompts).toBe(4);
    expect(plan.judgmentsPerPrompt).toBe(3);
    expect(plan.icc).toBeCloseTo(7 / 16, 12);
    expect(plan.designEffect).toBeCloseTo(1.875, 12);
    expect(plan.needed).toEqual([
      { perPrompt: 1, prompts: 456 },
      { perPrompt: 2, prompts: 328 },
      { perPrompt: 3, prompts: 285 },
      { perPrompt: 5, prompts: 251 },
    ]);
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

  it("gives no plan from one prompt, from one judgment per prompt, or when nothing varies", () => {
    expect(planPrompts([{ reference: 3, tie: 1, baseline: 1 }], 0.05)).toBeNull();
    expect(
      planPrompts(
        [
          { reference: 1, tie: 0, baseline: 0 },
          { reference: 0, tie: 0, baseline: 1 },
        ],
        0.05,
      ),
    ).toBeNull();
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
