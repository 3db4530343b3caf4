import { describe, expect, it } from "vitest";
import { canRevise, quotaReached, verdictFromChoice } from "./rules";

describe("verdictFromChoice", () => {
  it("maps A/B onto reference/baseline by the side shown", () => {
    expect(verdictFromChoice("A", "left")).toBe("reference");
    expect(verdictFromChoice("B", "left")).toBe("baseline");
    expect(verdictFromChoice("A", "right")).toBe("baseline");
    expect(verdictFromChoice("B", "right")).toBe("reference");
    expect(verdictFromChoice("tie", "right")).toBe("tie");
  });
});

describe("quota and undo", () => {
  it("quota: null is unlimited", () => {
    expect(quotaReached(1000, null)).toBe(false);
    expect(quotaReached(4, 5)).toBe(false);
    expect(quotaReached(5, 5)).toBe(true);
  });
  it("undo is allowed until the next item is finished", () => {
    expect(canRevise(3, [0, 1, 2, 3])).toBe(true);
    expect(canRevise(3, [0, 1, 2, 3, 4])).toBe(false);
  });
});
