import { describe, expect, it } from "vitest";
import { judgeQuality, qualityRulesOf, type QualityCounts } from "./quality";

const rules = { minChecks: 5, minAccuracy: 0.7, minSeconds: 4, maxFastShare: 0.3 };
const counts = (c: Partial<QualityCounts>): QualityCounts => ({
  checksSeen: 0,
  checksCorrect: 0,
  repeatsSeen: 0,
  repeatsConsistent: 0,
  verdicts: 0,
  tooFast: 0,
  ...c,
});

describe("the quality rules", () => {
  it("do not judge before the minimum number of checks", () => {
    // 0 of 4 right: under the minimum of 5 checks, no verdict yet.
    expect(judgeQuality(counts({ checksSeen: 4 }), rules, "active")).toEqual({
      status: "active",
      reason: null,
    });
  });
  it("warn below the accuracy after the minimum, stop after twice as many, and say why", () => {
    // 3 of 5 = 60% < 70%: warned.
    expect(judgeQuality(counts({ checksSeen: 5, checksCorrect: 3 }), rules, "active")).toEqual({
      status: "warned",
      reason: "checks right: 3 of 5 (below 70%)",
    });
    // 6 of 10 = 60% with 10 = 2 x 5 checks: stopped.
    expect(judgeQuality(counts({ checksSeen: 10, checksCorrect: 6 }), rules, "warned").status).toBe(
      "stopped",
    );
    // 7 of 10 = 70% is not below: active again after a warning.
    expect(judgeQuality(counts({ checksSeen: 10, checksCorrect: 7 }), rules, "warned").status).toBe("active");
  });
  it("count swapped repeats answered differently the same way", () => {
    expect(judgeQuality(counts({ repeatsSeen: 6, repeatsConsistent: 3 }), rules, "active")).toEqual({
      status: "warned",
      reason: "repeats consistent: 3 of 6 (below 70%)",
    });
  });
  it("warn and stop on too many verdicts under the minimum time, only when a minimum is set", () => {
    // 2 of 5 = 40% > 30% under 4 s.
    expect(judgeQuality(counts({ verdicts: 5, tooFast: 2 }), rules, "active")).toEqual({
      status: "warned",
      reason: "2 of 5 verdicts under 4 s (above 30%)",
    });
    expect(judgeQuality(counts({ verdicts: 10, tooFast: 4 }), rules, "active").status).toBe("stopped");
    expect(judgeQuality(counts({ verdicts: 10, tooFast: 3 }), rules, "active").status).toBe("active"); // 30% is allowed
    expect(
      judgeQuality(counts({ verdicts: 10, tooFast: 10 }), { ...rules, minSeconds: 0 }, "active").status,
    ).toBe("active");
  });
  it("keep a stop (the researcher decides what follows) and name every failing rule", () => {
    expect(judgeQuality(counts({ checksSeen: 10, checksCorrect: 10 }), rules, "stopped").status).toBe(
      "stopped",
    );
    const both = judgeQuality(
      counts({ checksSeen: 5, checksCorrect: 0, verdicts: 5, tooFast: 5 }),
      rules,
      "active",
    );
    expect(both.reason).toBe("checks right: 0 of 5 (below 70%); 5 of 5 verdicts under 4 s (above 30%)");
  });
  it("are off when nothing can fire", () => {
    const base = { minChecks: 5, minAccuracy: 0.7, maxFastShare: 0.3 };
    expect(qualityRulesOf({ ...base, checkRate: 0, repeatRate: 0, minSeconds: 0 })).toBeNull();
    expect(qualityRulesOf({ ...base, checkRate: 0.1, repeatRate: 0, minSeconds: 0 })).toMatchObject({
      minChecks: 5,
    });
  });
});
