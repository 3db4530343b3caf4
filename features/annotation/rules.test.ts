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
  it("a verdict can be changed until ten more items are finished after it", () => {
    expect(canRevise(3, [0, 1, 2, 3])).toBe(true);
    // nine finished after item 3 (seqs 4..12): still open; the tenth closes it.
    const later = Array.from({ length: 9 }, (_, i) => 4 + i);
    expect(canRevise(3, [0, 1, 2, 3, ...later])).toBe(true);
    expect(canRevise(3, [0, 1, 2, 3, ...later, 13])).toBe(false);
    // Skipped seqs in between count as finished too; unfinished (expired) ones are not in the list.
    expect(canRevise(0, [0, 2, 5])).toBe(true);
  });
});
